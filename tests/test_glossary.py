"""The course glossary: one plain sentence per term, linked from the chapter that
introduces it, and every chapter's glossary link lands on a term."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "notebooks" / "glossary.ipynb"
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# "#### Term" then its definition, ending with the chapter that introduces it.
ENTRY = re.compile(
    r"^#### (?P<term>.+)\n(?P<definition>.+) \*Chapter \[(?P<chapter>\d\d)\]"
    r"\((?P<file>\d\d_\w+\.ipynb)(?:#[^)]*)?\)\.\*$",
    re.MULTILINE,
)
GLOSSARY_LINK = re.compile(r"\]\(glossary\.ipynb#([^)\s]+)\)")


def anchor(term: str) -> str:
    """The id nbconvert and JupyterLab give a heading: its text, spaces as hyphens."""
    return term.replace(" ", "-")


@pytest.fixture(scope="module")
def glossary() -> nbformat.NotebookNode:
    return nbformat.read(GLOSSARY, as_version=4)


@pytest.fixture(scope="module")
def entries(glossary) -> list[re.Match]:
    return [m for cell in glossary.cells for m in ENTRY.finditer(cell.source)]


def linked_terms(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    return {
        target
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for target in GLOSSARY_LINK.findall(cell.source)
    }


def test_glossary_is_prose_only_and_stored_clean(glossary):
    nbformat.validate(glossary)
    assert glossary.cells[0].source.startswith("# Glossary")
    assert all(cell.cell_type == "markdown" for cell in glossary.cells)
    assert glossary.metadata["rise"]["theme"] == "white"
    for cell in glossary.cells:
        assert cell.metadata["slideshow"]["slide_type"] in {"slide", "subslide", "-"}


def test_every_term_heading_is_a_well_formed_entry(glossary, entries):
    headings = [
        line
        for cell in glossary.cells
        for line in cell.source.splitlines()
        if line.startswith("#### ")
    ]
    assert len(headings) == len(entries) >= 40, "each '#### term' needs a definition and a chapter"


def test_terms_are_unique_and_in_alphabetical_order(entries):
    terms = [m["term"] for m in entries]
    assert len(set(map(str.casefold, terms))) == len(terms), "a term is defined twice"
    assert terms == sorted(terms, key=str.casefold), "keep the terms in alphabetical order"


def test_definitions_are_one_plain_sentence(entries):
    for m in entries:
        words = m["definition"].split()
        assert 5 <= len(words) <= 70, f"{m['term']}: one sentence of 5-70 words"
        assert m["definition"].rstrip().endswith((".", ")")), f"{m['term']}: end the sentence"


def test_each_term_is_linked_from_the_chapter_that_introduces_it(entries):
    for m in entries:
        chapter = ROOT / "notebooks" / m["file"]
        assert chapter.exists(), f"{m['term']}: no chapter {m['file']}"
        assert chapter.name.startswith(m["chapter"])
        assert anchor(m["term"]) in linked_terms(chapter), (
            f"{m['file']} should link [{m['term']}](glossary.ipynb#{anchor(m['term'])}) "
            "where it first defines the term"
        )


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_glossary_link_lands_on_a_term(path, entries):
    anchors = {anchor(m["term"]) for m in entries}
    missing = sorted(linked_terms(path) - anchors)
    assert not missing, f"{path.name} links glossary terms that do not exist: {missing}"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_chapter_links_to_the_glossary(path):
    text = path.read_text(encoding="utf-8")
    assert "glossary.ipynb" in text, f"{path.name} never links to the glossary"
