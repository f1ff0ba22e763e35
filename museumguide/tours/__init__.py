"""Tours: guides written and narrated on demand, reviewed by a curator, exported for visitors.

``service`` holds the ``GuideService`` (jobs in a worker thread, drafts and approvals, tour zips).
Imports guides, voice, checks, records and common.
"""
