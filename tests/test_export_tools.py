"""tools.export and tools.fit_slides on small notebooks made here (the real exports are
checked in tests/exports/ after `make handouts slides html`)."""

import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import export
from tools.fit_slides import ROOM, propose_breaks


def cell(kind, source, slide="-", tags=(), **metadata):
    make = new_code_cell if kind == "code" else new_markdown_cell
    made = make(source, metadata={"slideshow": {"slide_type": slide}, **metadata})
    if tags:
        made.metadata["tags"] = list(tags)
    return made


@pytest.fixture
def solved():
    return new_notebook(
        cells=[
            cell("markdown", "# 01 · A chapter\n\nRuntime: 1 s.", slide="slide"),
            cell("code", "import math", slide="skip"),
            cell("markdown", "## Exercises\n\n1. Square roots.", slide="slide"),
            cell(
                "code",
                "# Solution 2\nroot = math.sqrt(2)\nprint(root)",
                slide="skip",
                tags=["solution"],
                jupyter={"source_hidden": True},
            ),
            cell("code", "answer = 42\nprint(answer)", slide="skip", tags=["solution"]),
            cell("code", "assert math.pi > 3", slide="skip", tags=["check"]),
            cell("markdown", "**Next:** [02](02_next.ipynb) · [README](../README.md)"),
        ]
    )


def test_handout_replaces_solutions_with_numbered_placeholders(solved):
    handout = export.make_handout(solved)
    answers = [c for c in handout.cells if export.ANSWER_TAG in c.metadata.get("tags", [])]
    assert [c.source for c in answers] == [
        "# Exercise 2: your solution here.\n",  # the number the solution itself gives
        "# Exercise 2: your solution here.\n",  # else its place among the solutions
    ]
    assert all("jupyter" not in c.metadata for c in answers), "answer cells must be open"
    assert not export.solution_cells(handout)


def test_handout_keeps_everything_else_and_leaves_the_original_alone(solved):
    before = nbformat.writes(solved)
    handout = export.make_handout(solved)
    assert nbformat.writes(solved) == before
    assert len(handout.cells) == len(solved.cells)
    for mine, theirs in zip(handout.cells, solved.cells, strict=True):
        if "solution" not in theirs.metadata.get("tags", []):
            assert mine == theirs


def test_handout_of_a_markdown_solution_is_an_error(solved):
    solved.cells[2].metadata["tags"] = ["solution"]
    with pytest.raises(export.ExportError, match="not a code cell"):
        export.make_handout(solved)


def test_handout_file_is_rewritten_only_when_it_changes(solved, tmp_path):
    source, target = tmp_path / "01_a.ipynb", tmp_path / "out" / "01_a.ipynb"
    nbformat.write(solved, source)
    assert export.handout(source, target) is True
    stamp = target.stat().st_mtime_ns
    assert export.handout(source, target) is False
    assert target.stat().st_mtime_ns == stamp
    assert (target.stat().st_mode & 0o044) == 0o044, "exports must be readable by others"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("02_next.ipynb", "02_next.html"),
        ("02_next.ipynb#Exercises", "02_next.html#Exercises"),
        ("../README.md", "index.html"),
        ("https://example.org/a.ipynb", "https://example.org/a.ipynb"),
        ("#Key-takeaways", "#Key-takeaways"),
        ("../data/README.md", "../../data/README.md"),
    ],
)
def test_links_point_at_the_rendered_files(target, expected):
    assert export.relocated_link(target, export.ROOT / "build" / "html") == expected


def test_handout_links_work_from_the_handouts_folder(solved, tmp_path):
    source, target = tmp_path / "01_a.ipynb", export.ROOT / "build" / "handouts" / "x.ipynb"
    nbformat.write(solved, source)
    nb = export.make_handout(nbformat.read(source, as_version=4))
    export.rewrite_links(nb, lambda t: export.relocated_link(t, target.parent, rendered=False))
    assert "[02](02_next.ipynb) · [README](../../README.md)" in nb.cells[-1].source


def test_rewrite_links_touches_markdown_only(solved):
    export.rewrite_links(solved, lambda target: target.upper())
    assert "[02](02_NEXT.IPYNB)" in solved.cells[-1].source
    assert solved.cells[1].source == "import math"


def test_decks_leave_out_solutions_answers_and_the_check(solved):
    handout = export.make_handout(solved)
    for nb in (solved, handout):
        kept = export.deck_cells(nb).cells
        assert not {"solution", "answer", "check"} & {
            tag for c in kept for tag in c.metadata.get("tags", [])
        }
    assert export.count_slides(solved) == 2


def test_deck_layout_rules():
    figure = new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<F>"})
    long_code = "\n".join(f"x{i} = {i}" for i in range(export.SIDE_BY_SIDE_LINES + 1))
    nb = new_notebook(
        cells=[
            cell("code", "# Extra code: draws the map\nplot()"),
            cell("code", long_code),
            cell("code", "short = 1"),
        ]
    )
    for code in nb.cells:
        code.outputs = [figure]
    extra, long_cell, short = export.deck_cells(nb).cells
    assert extra.metadata["transient"] == {"remove_source": True}
    assert "deck-side-by-side" in long_cell.metadata["tags"]
    assert "tags" not in short.metadata and "transient" not in short.metadata


def test_every_slide_opens_with_a_heading():
    nb = new_notebook(
        cells=[
            cell("markdown", "# 01 · A chapter", slide="slide"),
            cell("markdown", "Why it matters.", slide="subslide"),
            cell("markdown", "## Section\n\nText.", slide="slide"),
            cell("code", "plot()", slide="subslide"),
            cell("markdown", "### A `sub` section", slide="subslide"),
            cell("code", "table()"),
            cell("markdown", "It reads the table.", slide="subslide"),
            cell("markdown", "---\n**Previous:** [00](00_x.ipynb)", slide="slide"),
        ]
    )
    deck = export.deck_cells(nb).cells
    starts = [c for c in deck if export.slide_type(c) in {"slide", "subslide"}]
    assert [c.source.splitlines()[0] for c in starts] == [
        "# 01 · A chapter",
        "#### 01 · A chapter (continued)",
        "## Section",
        "#### Section (continued)",
        "### A `sub` section",
        "#### A `sub` section (continued)",
        "#### Where next",
    ]
    assert export.count_slides(nb) == 7  # a header takes over the break; no slide is added
    header = deck[deck.index(starts[3]) + 1]
    assert header.source == "plot()" and export.slide_type(header) == "-"
    assert starts[3].id == f"{header.id}{export.CONTINUED_ID}"


def test_chapter_title_comes_from_the_title_cell(solved):
    assert export.chapter_title(solved) == "01 · A chapter"


def test_index_gives_runtimes_for_chapters_only(solved, tmp_path):
    solved.metadata["course"] = {"executed_seconds": 12.4}
    glossary = new_notebook(cells=[cell("markdown", "# Glossary\n\n#### Term\nA word.")])
    glossary.metadata["course"] = {"executed_seconds": 0.6}
    notebooks = {tmp_path / "01_a.ipynb": solved, tmp_path / "glossary.ipynb": glossary}
    page = export.write_index(notebooks, tmp_path, "html").read_text()
    runtime = '<span class="runtime">(ran in 12 s)</span>'
    assert f'<a href="01_a.html">01 · A chapter</a> {runtime}' in page
    assert '<a href="glossary.html">Glossary</a></li>' in page


def test_fit_slides_breaks_before_the_cell_that_overflows(solved):
    heights = {c.id: 300 for c in solved.cells}
    breaks, too_tall = propose_breaks(solved, heights)
    # 300 (title) + 300 (import) fit; the Exercises cell is a slide of its own anyway,
    # then each solution and the check overflow in turn; the last one has room.
    assert breaks == [solved.cells[4].id, solved.cells[6].id]
    assert not too_tall
    heights[solved.cells[1].id] = 2000
    assert propose_breaks(solved, heights)[1] == [solved.cells[1].id]


def test_fit_slides_leaves_room_for_the_running_header():
    nb = new_notebook(
        cells=[
            cell("markdown", "## Section", slide="slide"),
            cell("code", "a()"),
            cell("code", "b()"),
            cell("code", "c()"),
        ]
    )
    a, b, c = (x.id for x in nb.cells[1:])
    room = ROOM
    heights = {nb.cells[0].id: 50, a: room - 50, b: room - 40, c: 30}
    # b starts a new slide under a header (48 px estimated): then c no longer fits.
    assert propose_breaks(nb, heights)[0] == [b, c]
    heights[f"{b}{export.CONTINUED_ID}"] = 10  # measured once the deck has it
    assert propose_breaks(nb, heights)[0] == [b]


def test_fit_slides_keeps_a_reading_with_its_figure():
    nb = new_notebook(
        cells=[
            cell("markdown", "## Section", slide="slide"),
            cell("code", "intro()"),
            cell("code", "plot()"),
            cell("markdown", "The curve falls.", slide="fragment"),
        ]
    )
    title, intro, plot, reading = (x.id for x in nb.cells)
    heights = {title: 50, intro: 200, plot: 400, reading: 100}
    # The reading does not fit under the figure: the figure moves down with it.
    assert propose_breaks(nb, heights) == ([plot], [])
    heights[plot] = ROOM - 100  # a figure that leaves no room for its reading on any slide
    heights[intro] = 10
    assert propose_breaks(nb, heights) == ([plot], [reading])


def test_cli_says_what_is_missing(tmp_path, capsys):
    assert export.main(["handout", str(tmp_path / "nope.ipynb"), str(tmp_path / "h.ipynb")]) == 1
    assert "nope.ipynb" in capsys.readouterr().err


def test_a_failing_notebook_stops_the_build_and_writes_nothing(tmp_path, capsys):
    source, target = tmp_path / "01_broken.ipynb", tmp_path / "out" / "01_broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("1 / 0")]), source)
    assert export.main(["execute", str(source), str(target)]) == 1
    assert "ZeroDivisionError" in capsys.readouterr().err
    assert not target.exists()


def test_execute_runs_in_this_environment(tmp_path):
    source, target = tmp_path / "01_ok.ipynb", tmp_path / "01_ok_run.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("import sys\nprint(sys.prefix)")]), source)
    export.execute(source, target)
    ran = nbformat.read(target, as_version=4)
    assert ran.cells[0].outputs[0].text.strip() == sys.prefix
    assert ran.metadata["course"]["executed_seconds"] >= 0
