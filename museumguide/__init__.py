"""museumguide: turn museum collection metadata into spoken audio-guide scripts.

    from museumguide import generate_guide, check_guide
    print(generate_guide({"title": "Wheat Field with Cypresses", "artist": "Vincent van Gogh"}))

Importing the package is cheap: the model stack (torch, transformers, peft) loads only when a
function that needs it is first called.

The code is grouped by stage, each a subpackage that imports only the stages below it (README,
Layout): ``common`` < ``records``, ``voice`` < ``checks``, ``sources`` < ``data`` < ``model`` <
``guides`` < ``tours`` < ``web``. The modules at this level are the commands
(``python -m museumguide.collect`` and the rest), each handing over to its stage, and ``demo``.
"""

from museumguide.common import __version__

# `speak` is both a submodule and the function it exports. Importing a submodule sets the
# package attribute to the module, so the function is bound here, eagerly, after the submodule
# has loaded: `from museumguide import speak` is then always the function, whatever was
# imported before (the module stays reachable as sys.modules["museumguide.speak"]). The module,
# the `speak` command, imports nothing heavy at load time.
from museumguide.speak import speak  # noqa: E402

# Public names that live in heavier modules, resolved on first use (PEP 562).
_LAZY = {
    "generate_guide": "museumguide.guides.generate",
    "generate_guides": "museumguide.guides.generate",
    "check_guide": "museumguide.checks.grounding",
    "check_sentences": "museumguide.checks.sentences",
    "build_prompt": "museumguide.records.prompt",
    "UngroundedGuideError": "museumguide.guides.generate",
}

__all__ = ["__version__", "speak", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'museumguide' has no attribute {name!r}")
