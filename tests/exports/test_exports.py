"""What `make handouts slides html` wrote: complete, offline, and free of solutions."""

import html
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
from exported import BUILD, GLOSSARY, NOTEBOOKS, built

from tools.export import (
    ANSWER_TAG,
    CHECK_TAG,
    CONTINUED_ID,
    HEADING,
    SOLUTION_TAG,
    count_slides,
    deck_cells,
    tags,
)

# Tags and attributes that make a browser fetch something (links to read are <a href>).
ASSET_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"(url\(\s*['\"]?|@import\s+['\"])\s*(https?:)?//", re.IGNORECASE)


class Scan(HTMLParser):
    """Collects asset URLs, link targets, leaf <section>s and inline <style> text."""

    def __init__(self):
        super().__init__()
        self.assets, self.links, self.styles, self.alts = [], [], [], []
        self.sections, self._open_sections, self._in_style = 0, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ASSET_ATTRIBUTES and attrs.get(ASSET_ATTRIBUTES[tag]):
            self.assets.append(attrs[ASSET_ATTRIBUTES[tag]])
        if tag == "img":
            self.alts.append(attrs.get("alt") or "")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "section":
            if self._open_sections:
                self._open_sections[-1] = False  # the parent has a child: not a leaf
            self._open_sections.append(True)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "section" and self._open_sections:
            self.sections += self._open_sections.pop()
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def scan(text: str) -> Scan:
    parser = Scan()
    parser.feed(text)
    return parser


def cell_ids(nb, tag: str) -> list[str]:
    return [cell.id for cell in nb.cells if tag in tags(cell)]


def code_lines(cell) -> set[str]:
    """The lines of a cell that are code, not comments or blank."""
    return (
        {line.strip() for line in cell.source.splitlines()}
        - {""}
        - {line.strip() for line in cell.source.splitlines() if line.strip().startswith("#")}
    )


# ------------------------------------------------------------------------ handouts


def test_handout_keeps_every_cell_but_the_solutions(solved, handout):
    assert [c.cell_type for c in handout.cells] == [c.cell_type for c in solved.cells]
    for mine, theirs in zip(handout.cells, solved.cells, strict=True):
        if SOLUTION_TAG in tags(theirs):
            assert ANSWER_TAG in tags(mine) and SOLUTION_TAG not in tags(mine)
            assert not mine.metadata.get("jupyter", {}).get("source_hidden"), "answer cell hidden"
        else:
            unlinked = [LINK_TARGET.sub("]()", c.source) for c in (mine, theirs)]
            assert unlinked[0] == unlinked[1], f"cell {theirs.id} changed in the handout"


def test_handout_links_resolve(notebook, handout):
    folder = BUILD / "handouts"
    for cell in handout.cells:
        for target in LINK_TARGET.findall(cell.source) if cell.cell_type == "markdown" else []:
            if urlsplit(target).scheme or target.startswith("#"):
                continue
            path = unquote(target.partition("#")[0])
            assert (folder / path).exists(), f"{notebook.name} links to {target}, not found"


def test_handout_contains_no_solution_code(notebook, solved, handout):
    if notebook.name.startswith("00_"):
        pytest.skip("chapter 00 has no exercises")
    solution_code = set().union(*(code_lines(c) for c in solved.cells if SOLUTION_TAG in tags(c)))
    # Lines a solution shares with the lesson (a bare `plt.show()`) are not the solution.
    lesson_code = set().union(*(code_lines(c) for c in solved.cells if SOLUTION_TAG not in tags(c)))
    secret = solution_code - lesson_code
    assert secret, "the solutions have no code of their own to look for"
    leaked = {line for cell in handout.cells for line in code_lines(cell)} & secret
    assert not leaked, f"solution code in the handout: {sorted(leaked)[:3]}"
    for cell in handout.cells:
        if ANSWER_TAG in tags(cell):
            assert cell.source.startswith("# Exercise ") and not code_lines(cell)


def test_handout_ran_top_to_bottom(handout, executed):
    """build/executed holds the run of this very handout: every cell ran, none failed."""
    assert [c.source for c in executed.cells] == [c.source for c in handout.cells], (
        "build/executed is older than the handout: run `make slides`"
    )
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "some cells of the handout did not run"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, f"the handout fails: {errors[0].ename}: {errors[0].evalue}"


def test_chapters_with_exercises_have_answer_cells(notebook, handout):
    if notebook.name.startswith("00_"):
        assert not cell_ids(handout, ANSWER_TAG)
    else:
        assert len(cell_ids(handout, ANSWER_TAG)) >= 2


# ------------------------------------------------------------------------ decks


def test_deck_has_one_section_per_slide_and_subslide(solved, deck):
    assert scan(deck).sections == count_slides(solved)


def test_deck_shows_exercises_but_not_solutions_or_check(solved, deck):
    for cell_id in cell_ids(solved, SOLUTION_TAG) + cell_ids(solved, CHECK_TAG):
        assert f'id="cell-id={cell_id}"' not in deck, f"cell {cell_id} must not be on a slide"
    exercises = [c.id for c in solved.cells if c.source.startswith("## Exercises")]
    for cell_id in exercises:
        assert f'id="cell-id={cell_id}"' in deck


def test_deck_has_the_chapter_title(solved, deck):
    title = solved.cells[0].source.splitlines()[0].lstrip("# ")
    assert title.split(" · ")[1] in deck


def deck_slides(nb) -> list[list]:
    """The deck's slides, each the list of its cells (slide or subslide, then the rest)."""
    slides = []
    for cell in deck_cells(nb).cells:
        kind = cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")
        if kind in {"skip", "notes"}:
            continue
        if kind in {"slide", "subslide"} or not slides:
            slides.append([cell])
        else:
            slides[-1].append(cell)
    return slides


NOT_ONLY_PROSE = re.compile(r"^\s*(#|\||[-*] |\d+\. )|<img|<details", re.MULTILINE)


def test_every_slide_opens_with_a_heading(solved):
    """A continuation slide repeats its section's title, so no slide starts bare."""
    for cells in deck_slides(solved):
        assert cells[0].cell_type == "markdown" and HEADING.match(cells[0].source), (
            f"slide {cells[0].id} starts without a heading: {cells[0].source[:60]!r}"
        )


def test_no_slide_is_a_short_sentence_alone(solved):
    """A reading goes on the slide of the figure or table it reads, not on a slide of its own."""
    navigation = solved.cells[-1].id  # the last slide: previous / contents / next links
    for slide in deck_slides(solved):
        cells = [c for c in slide if not c.id.endswith(CONTINUED_ID)]  # not the running header
        text = "\n".join(cell.source for cell in cells)
        if cells[0].id == navigation or any(c.cell_type == "code" for c in cells):
            continue
        if not NOT_ONLY_PROSE.search(text):
            assert len(text.split()) >= 40, f"slide {cells[0].id} is only: {text[:60]!r}..."


def test_deck_asks_each_question_on_its_own_slide(solved):
    """Check your understanding: a slide per question, its answer the next fragment."""
    if not any(c.source.startswith("## Check your understanding") for c in solved.cells):
        pytest.skip("no questions in this chapter")
    questions = [s for s in deck_slides(solved) if s[0].id.split("-")[-1].startswith("q")]
    assert 3 <= len(questions) <= 5
    for cells in questions:
        assert cells[0].source.startswith("### Check your understanding")
        kinds = [c.metadata["slideshow"]["slide_type"] for c in cells[1:]]
        assert kinds == ["fragment"] and cells[1].source.startswith("**Answer.**")


# ------------------------------------------------------------------------ pages


def test_page_links_to_its_neighbours(notebook, page):
    links = scan(page).links
    i = NOTEBOOKS.index(notebook)
    assert "index.html" in links
    if i > 0:
        assert f"{NOTEBOOKS[i - 1].stem}.html" in links
    if i + 1 < len(NOTEBOOKS):
        assert f"{NOTEBOOKS[i + 1].stem}.html" in links


def test_page_shows_placeholders_not_solutions(solved, page):
    text = html.unescape(re.sub(r"<[^>]+>", "", page))  # what a reader sees
    lesson = "\n".join(c.source for c in solved.cells if SOLUTION_TAG not in tags(c))
    for cell in solved.cells:
        if SOLUTION_TAG in tags(cell):
            assert f'id="cell-id={cell.id}"' in page  # the exercise's cell is there ...
            # ... without its code: no line of it that is long enough to be its own
            distinctive = [x for x in code_lines(cell) if len(x) >= 20 and x not in lesson]
            assert distinctive, f"solution {cell.id} has no line of its own to look for"
            leaked = [line for line in distinctive if line in text]
            assert not leaked, f"solution code on the page: {leaked[:2]}"
    if cell_ids(solved, SOLUTION_TAG):
        assert "# Exercise 1: your solution here." in text


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_index_lists_every_chapter(kind):
    links = scan(built(BUILD / kind / "index.html").read_text(encoding="utf-8")).links
    chapters = [link for link in links if link[:2].isdigit() and link.endswith(".html")]
    assert [f"{p.stem}.html" for p in NOTEBOOKS] == chapters


# ------------------------------------------------------------------------ PDFs

PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def test_deck_has_a_pdf_with_a_page_per_slide(notebook, solved):
    """make slides prints each deck to a PDF (Chromium), linked from the decks' index."""
    pdf = built(BUILD / "slides" / f"{notebook.stem}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF"), "not a PDF"
    assert len(PDF_PAGE.findall(pdf)) == count_slides(solved)
    index = scan(built(BUILD / "slides" / "index.html").read_text(encoding="utf-8"))
    assert f"{notebook.stem}.pdf" in index.links


# ------------------------------------------------------------------------ figures


@pytest.mark.parametrize("kind", ["deck", "page"])
def test_every_figure_has_a_text_alternative(kind, deck, page):
    """Screen readers read each figure's alt text: a few words from its titles and labels."""
    alts = scan(deck if kind == "deck" else page).alts
    assert alts, "a chapter shows at least one figure"
    missing = [alt for alt in alts if len(alt.split()) < 3 or "without a description" in alt]
    assert not missing, f"{len(missing)} of {len(alts)} figures lack a real alt text: {missing[:3]}"


# ------------------------------------------------------------------------ offline


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_no_asset_comes_from_the_internet(kind):
    folder = built(BUILD / kind)
    checked = 0
    for path in sorted(folder.glob("*.html")) + sorted(folder.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            remote = [m.group(0) for m in CSS_REMOTE.finditer(text)]
        else:
            found = scan(text)
            remote = [url for url in found.assets if REMOTE.match(url)]
            remote += [m.group(0) for style in found.styles for m in CSS_REMOTE.finditer(style)]
        assert not remote, f"{path.relative_to(BUILD)} loads {remote[:3]} from the internet"
        checked += 1
    assert checked > len(NOTEBOOKS)


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_local_link_and_asset_exists(kind):
    folder = built(BUILD / kind)
    missing = []
    for path in sorted(folder.glob("*.html")):
        found = scan(path.read_text(encoding="utf-8"))
        for url in found.assets + found.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # web links in prose, anchors, data: URIs
            if not (path.parent / unquote(parts.path)).exists():
                missing.append(f"{path.name}: {url}")
    assert not missing, f"broken local references: {missing[:5]}"


# ------------------------------------------------------------------------ glossary

GLOSSARY_HREF = re.compile(r"^glossary\.html#(.+)$")
ELEMENT_ID = re.compile(r'\sid="([^"]+)"')


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_glossary_links_land_on_a_term_in_every_export(kind):
    """Chapters link terms to the glossary's deck and page, which exist and hold each term."""
    folder = built(BUILD / kind)
    glossary = built(folder / f"{GLOSSARY.stem}.html").read_text(encoding="utf-8")
    ids = {unquote(i) for i in ELEMENT_ID.findall(glossary)}
    linked = 0
    for notebook in NOTEBOOKS:
        for url in scan(built(folder / f"{notebook.stem}.html").read_text(encoding="utf-8")).links:
            match = GLOSSARY_HREF.match(url)
            if match:
                linked += 1
                assert unquote(match.group(1)) in ids, f"{notebook.stem}: {url} has no target"
    assert linked >= len(NOTEBOOKS), "every chapter links to the glossary"
