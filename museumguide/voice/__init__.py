"""Voice: narration with Piper, to WAV or MP3 (``speak``). Imports only common."""
