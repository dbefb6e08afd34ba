"""Fixtures for the export tests. They check what `make handouts slides html` wrote in
build/; `make test` builds it first. Alone: make handouts slides html && pytest tests/exports
"""

from pathlib import Path

import nbformat
import pytest
from exported import BUILD, NOTEBOOKS, built


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
