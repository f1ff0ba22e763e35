"""The script writers: each yields ``(painting, text, error)`` for the quality gate to judge."""
