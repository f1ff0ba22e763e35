"""The manual and README as a newcomer meets them: every ``bash`` and ``python`` block runs as
written, in order, in a sandbox that looks like a fresh clone after ``make demo`` (the bundled raw
records, ``.venv``, and a trained run found through ``$MUSEUMGUIDE_ADAPTER``, as a user's newest
run would be). A block that cannot run there (the live APIs, a GPU, a server that runs until
stopped) says why on the line above it: ``<!-- not run: REASON -->``. And the manual builds with
``mkdocs build --strict`` (no broken link, no missing page)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FENCE = re.compile(r"(?:<!--\s*not run:\s*(?P<why>.*?)\s*-->\n)?```(?P<lang>bash|python)\n(?P<code>.*?)```", re.S)
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# What a fresh clone holds that a page's commands may use; the raw samples are what `make demo` collects.
CLONE = ["museumguide", "recipes", "tests", "bench", "notebooks", "docs", "pyproject.toml", "Makefile", "mkdocs.yml"]
SAMPLES = ["met-sample", "aic-sample", "lido-sample"]


def blocks(page: Path) -> list[dict]:
    return [{"lang": m["lang"], "code": m["code"], "why": m["why"]} for m in FENCE.finditer(page.read_text(encoding="utf-8"))]


RUNNABLE = [page for page in PAGES if any(b["why"] is None for b in blocks(page))]


def test_every_block_runs_or_says_why_and_the_manual_has_examples():
    pages = {page.name: blocks(page) for page in PAGES}
    assert {"README.md", "lido-swedish-tour.md", "collecting.md", "generating.md"} <= set(pages)
    for name, found in pages.items():
        for block in found:
            assert block["why"] is None or len(block["why"]) >= 8, f"{name}: a not-run block needs its reason"
    tour = pages["lido-swedish-tour.md"]
    assert [b["lang"] for b in tour if b["why"] is None] == ["bash", "python", "bash", "python"]
    assert sum(b["why"] is None for found in pages.values() for b in found) >= 15
    assert any("generate_guide(" in b["code"] for found in pages.values() for b in found)


def test_readme_is_short_and_points_into_the_manual():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    linked = set(re.findall(r"\]\(docs/([\w-]+\.md)", readme))
    assert {"lido-swedish-tour.md", "collecting.md", "benchmarks.md"} <= linked
    assert all((ROOT / "docs" / name).is_file() for name in linked)


@pytest.fixture
def sandbox(tmp_path, trained_run) -> tuple[Path, dict]:
    """A fresh clone after ``make demo``: the project's files, the bundled raw records, ``.venv``."""
    clone = tmp_path / "clone"
    (clone / "data" / "raw").mkdir(parents=True)
    for name in CLONE:
        if (ROOT / name).exists():
            (clone / name).symlink_to(ROOT / name)
    for name in SAMPLES:
        (clone / "data" / "raw" / name).symlink_to(ROOT / "data" / "raw" / name)
    venv = Path(sys.executable).parent.parent
    (clone / ".venv").symlink_to(venv)
    env = {**os.environ, "MUSEUMGUIDE_ADAPTER": str(trained_run), "PYTHONPATH": str(ROOT),
           "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    return clone, env


@pytest.mark.slow
@pytest.mark.parametrize("page", RUNNABLE, ids=[p.name for p in RUNNABLE])
def test_page_runs_as_written(page, sandbox):
    clone, env = sandbox
    for n, block in enumerate(blocks(page)):
        if block["why"] is not None:
            continue
        command = ["bash", "-euo", "pipefail", "-c", block["code"]] if block["lang"] == "bash" else \
            [sys.executable, "-c", block["code"]]
        out = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, f"{page.name} block {n} failed:\n{block['code']}\n{out.stdout[-1500:]}\n{out.stderr[-3000:]}"


def test_the_manual_builds_strictly(tmp_path):
    if shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("mkdocs is not installed: pip install -e '.[docs]' (make test does)")
    out = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir",
                          str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-4000:]
    assert (tmp_path / "site" / "lido-swedish-tour" / "index.html").is_file()
    reference = (tmp_path / "site" / "reference" / "index.html").read_text(encoding="utf-8")
    assert "generate_guide" in reference and "check_sentences" in reference, "the API reference from docstrings"
