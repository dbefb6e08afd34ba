"""Every notebook is stored clean and built the way STYLE.md describes a chapter."""

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
LINK = re.compile(r"\]\(([^)\s]+)\)")


def chapter(path: Path) -> int:
    return int(path.name[:2])


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def test_the_course_has_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no NN_name.ipynb files"
    assert NOTEBOOKS[0].name == "00_start_here.ipynb"


def test_only_numbered_notebooks_live_in_notebooks():
    stray = [
        p.name
        for p in (ROOT / "notebooks").glob("*.ipynb")
        if p not in NOTEBOOKS and p.name != "glossary.ipynb"
    ]
    assert not stray, f"notebooks must be named NN_topic.ipynb: {stray}"


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request) -> Path:
    return request.param


def test_is_valid_nbformat(notebook):
    nbformat.validate(nbformat.read(notebook, as_version=4))


def test_is_stored_without_outputs(notebook):
    dirty = [
        i
        for i, c in enumerate(cells(notebook))
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert not dirty, (
        f"cells {dirty} have outputs or execution counts; clear them before committing"
    )


def test_uses_the_python3_kernel(notebook):
    kernelspec = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert kernelspec["name"] == "python3"


def test_live_slides_use_an_offline_theme(notebook):
    """RISE's default theme (and most others) load fonts from the web; white does not."""
    rise = json.loads(notebook.read_text(encoding="utf-8"))["metadata"].get("rise", {})
    assert rise.get("theme") == "white", 'set metadata.rise = {"theme": "white", ...}'


def test_starts_with_a_title_cell(notebook):
    first = cells(notebook)[0]
    assert first["cell_type"] == "markdown"
    assert text(first).startswith(f"# {notebook.name[:2]} · "), "title must be '# NN · Title'"
    assert "runtime" in text(first).lower(), "the title cell states the expected runtime"


def test_setup_cell_seeds_and_styles(notebook):
    setup = cells(notebook)[1]
    assert setup["cell_type"] == "code"
    assert "set_seed(" in text(setup) and "set_style(" in text(setup)


def test_every_cell_has_a_slide_type(notebook):
    for index, cell in enumerate(cells(notebook)):
        slide_type = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        assert slide_type in SLIDE_TYPES, f"cell {index} has slide_type {slide_type!r}"
        if cell["cell_type"] == "markdown" and re.match(r"#{1,2} ", text(cell)):
            assert slide_type == "slide", f"cell {index} is a # or ## heading, so a new slide"


def test_links_resolve_to_existing_files(notebook):
    for cell in cells(notebook):
        if cell["cell_type"] != "markdown":
            continue
        for target in LINK.findall(text(cell)):
            if re.match(r"(https?|mailto):|#", target):
                continue
            path = (notebook.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"link to {target} does not resolve"


def test_ends_with_navigation_to_the_contents(notebook):
    last = cells(notebook)[-1]
    assert last["cell_type"] == "markdown"
    targets = LINK.findall(text(last))
    assert any(t.endswith(("README.md", "00_start_here.ipynb")) for t in targets)


def test_chapters_end_with_a_check_cell(notebook):
    if chapter(notebook) == 0:
        pytest.skip("chapter 00 has no results to check")
    code = [c for c in cells(notebook) if c["cell_type"] == "code"]
    checks = [c for c in code if "check" in tags(c)]
    assert len(checks) == 1, "a chapter has exactly one cell tagged 'check'"
    assert checks[0] is code[-1], "the check cell is the last code cell"
    assert "assert " in text(checks[0])


def test_solution_cells_are_collapsed(notebook):
    for index, cell in enumerate(cells(notebook)):
        if "solution" in tags(cell):
            assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, (
                f"solution cell {index} must be collapsed (jupyter.source_hidden)"
            )


def test_readme_lists_every_notebook(notebook):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"notebooks/{notebook.name}" in readme


QUESTION = re.compile(r"^\d+\. ", re.MULTILINE)
FOLDED_ANSWER = re.compile(r"<details><summary>Answer</summary>(.+?)</details>", re.DOTALL)


def test_chapters_ask_check_your_understanding_questions(notebook):
    """Three to five questions before the exercises, each with a folded, non-empty answer."""
    if chapter(notebook) == 0:
        pytest.skip("chapter 00 is the course's map, not a lesson")
    found = [
        i
        for i, c in enumerate(cells(notebook))
        if text(c).startswith("## Check your understanding")
    ]
    assert len(found) == 1, "a chapter has one '## Check your understanding' cell"
    exercises = [i for i, c in enumerate(cells(notebook)) if text(c).startswith("## Exercises")]
    assert exercises and found[0] < exercises[0], "the questions come before the exercises"
    block = text(cells(notebook)[found[0]])
    questions, answers = QUESTION.findall(block), FOLDED_ANSWER.findall(block)
    assert 3 <= len(questions) <= 5, f"{len(questions)} questions; the course asks 3 to 5"
    assert len(answers) == len(questions), "every question has its answer in <details>"
    assert all(len(answer.split()) >= 5 for answer in answers), "an answer says why"
