"""Records: every museum's records on one cleaned schema, their curator notes, and the prompt.

Pure functions over saved data, re-runnable offline: ``clean`` (the schema, text repair and the
Met's records), ``aic`` (the Art Institute of Chicago's records), ``notes`` (curator text to plain
text, credit lines), ``museums`` (what differs between the museums' raw files, and cleaning them
all into ``paintings.jsonl``) and ``prompt`` (any metadata shape to the schema, and the model's
prompt). Imports only ``museumguide.common``.
"""
