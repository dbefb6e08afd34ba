"""Fixtures for the export tests. They check what `make handouts slides html` wrote in
build/; `make test` builds it first. Alone: make handouts slides html && pytest tests/exports
"""

import os
from pathlib import Path

import nbformat
import pytest
from exported import BUILD, NOTEBOOKS, SHOTS, built

from tools import browser


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request) -> Path:
    return request.param


@pytest.fixture
def solved(notebook):
    return nbformat.read(notebook, as_version=4)


@pytest.fixture
def handout(notebook):
    return nbformat.read(built(BUILD / "handouts" / notebook.name), as_version=4)


@pytest.fixture
def executed(notebook):
    return nbformat.read(built(BUILD / "executed" / notebook.name), as_version=4)


@pytest.fixture
def deck(notebook) -> str:
    return built(BUILD / "slides" / f"{notebook.stem}.html").read_text(encoding="utf-8")


@pytest.fixture
def page(notebook) -> str:
    return built(BUILD / "html" / f"{notebook.stem}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def chrome():
    """Headless Chromium: skipped on a laptop without one, a failure in CI."""
    executable = browser.find_chromium()
    if executable is None:
        message = "no Chromium: apt-get install chromium, or set $CHROMIUM to a Chromium binary"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browser.chromium(executable) as launched:
        yield launched
