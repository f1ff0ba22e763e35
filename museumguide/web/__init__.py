"""The gallery page: browse paintings, generate, review, approve and export tours.

    python -m museumguide.web                 # then open http://127.0.0.1:8000

``app`` is the FastAPI application over a ``museumguide.tours.service.GuideService``; ``static/``
holds the page. The top of the house: nothing else in museumguide imports it.
"""
