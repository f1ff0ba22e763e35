"""Sources: the museums' APIs and files, fetched politely and saved exactly as sent.

``metapi`` is the HTTP client (session, rate limit, retries) with the Met's endpoints; ``aicapi``
pages the Art Institute of Chicago's search; ``metcsv`` reads the Met's bulk CSV; ``rawlog``
appends records to the raw logs and resumes; ``replay`` and ``aicreplay`` are loopback stand-ins
for the two APIs; ``collect`` is the collector that fetches and then cleans through
``museumguide.records``. Only the collector's commands import this stage: nothing downstream of
``paintings.jsonl`` reaches the network.
"""
