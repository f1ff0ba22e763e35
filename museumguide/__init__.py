"""museumguide: turn museum collection metadata into spoken audio-guide scripts.

    from museumguide import generate_guide
    print(generate_guide({"title": "Wheat Field with Cypresses", "artist": "Vincent van Gogh"}))

Importing the package is cheap: the model stack (torch, transformers, peft) loads only when a
function that needs it is first called.
"""

__version__ = "0.1.0"

# Public names that live in heavier modules, resolved on first use (PEP 562).
_LAZY = {
    "generate_guide": "museumguide.generate",
    "generate_guides": "museumguide.generate",
    "build_prompt": "museumguide.prompt",
    "speak": "museumguide.speak",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'museumguide' has no attribute {name!r}")
