"""Every Python code block in README.md runs as written, in a fresh interpreter, so documented
usage cannot rot. Blocks that generate use the session's tiny trained run through
``$MUSEUMGUIDE_ADAPTER``, as a user's newest run would be found."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 2
    assert any("generate_guide(" in b for b in BLOCKS) and any("check_guide(" in b for b in BLOCKS)


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index, trained_run, tmp_path):
    env = {**os.environ, "MUSEUMGUIDE_ADAPTER": str(trained_run), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", BLOCKS[index]], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, f"README block {index} failed:\n{BLOCKS[index]}\n{out.stderr[-3000:]}"
