"""Tours: guides written and narrated on demand, reviewed by a curator, exported for visitors.

``service`` holds the ``GuideService`` (jobs in a worker thread, drafts and approvals), ``defaults``
the real one (the run writes, Piper narrates; a folder per language and style);
``package`` writes a tour export (``player``, ``feed``, ``iiif`` and ``labels`` each make one of
its parts); ``cli`` is ``python -m museumguide.tours``. Imports guides, voice, checks, records and
common.
"""
