"""The public names: every one in ``museumguide.__all__`` is the documented object in a fresh
interpreter, whatever was imported before."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

EXPECTED = {  # name -> (module that defines it, kind)
    "speak": ("museumguide.voice.speak", "function"),
    "generate_guide": ("museumguide.guides.generate", "function"),
    "generate_guides": ("museumguide.guides.generate", "function"),
    "check_guide": ("museumguide.checks.grounding", "function"),
    "check_sentences": ("museumguide.checks.sentences", "function"),
    "build_prompt": ("museumguide.records.prompt", "function"),
    "UngroundedGuideError": ("museumguide.guides.generate", "class"),
}


@pytest.mark.parametrize("before", [
    "",
    "import museumguide.speak",
    "from museumguide import speak as _s",
    "import museumguide.web, museumguide.tours, museumguide.generate, museumguide.speak",
    "import museumguide.demo",
    "import museumguide.voice.speak, museumguide.guides.generate, museumguide.web.app",
])
def test_every_public_name_is_the_documented_object(before):
    code = f"""
{before}
import inspect, museumguide
for name in museumguide.__all__:
    obj = getattr(museumguide, name)
    if name == "__version__":
        assert isinstance(obj, str); continue
    assert inspect.isfunction(obj) or inspect.isclass(obj), (name, type(obj))
    print(name, obj.__module__, "class" if inspect.isclass(obj) else "function")
from museumguide import speak
assert callable(speak) and inspect.isfunction(speak)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = {name: (module, kind) for name, module, kind in (line.split() for line in out.stdout.splitlines())}
    assert seen == EXPECTED
