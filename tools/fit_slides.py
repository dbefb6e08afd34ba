"""Find deck slides taller than the projector and propose where to break them.

    python -m tools.fit_slides build/slides            # report
    python -m tools.fit_slides build/slides --write    # also set the breaks in notebooks/

It opens each deck in headless Chromium, measures every slide and its cells at 1280x720,
and walks each notebook's cells in order: a cell that would push its slide past the
bottom starts a new subslide instead (a vertical slide under the same section in
reveal.js and RISE). A reading (a fragment) stays with the figure or table before it: the
break goes before the pair. Breaks go into the notebooks' own `slideshow` metadata, so the
live slides in JupyterLab and the exported decks stay the same. A cell taller than a
slide, or a figure and its reading too tall together, cannot be fixed this way; those are
listed for a person to shorten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from tools import browser
from tools.export import CONTINUED_ID, HEADING, NOTEBOOKS, slide_type

# What a slide may hold: its height less a little room for fonts that render differently.
ROOM = browser.SLIDE_HEIGHT - 16
BREAKS = {"slide", "subslide"}
# A continuation slide's "(continued)" header, until the deck is built and it is measured.
RUNNING_HEADER = 48


def running_header(cell, heights: dict[str, int]) -> int:
    """Height of the running header a deck puts above cell when cell starts a slide: none
    for a cell that opens with a heading, else as measured (or estimated, for a new break)."""
    if cell.cell_type == "markdown" and HEADING.match(cell.source):
        return 0
    return heights.get(f"{cell.id}{CONTINUED_ID}", RUNNING_HEADER)


def propose_breaks(nb, heights: dict[str, int]) -> tuple[list[str], list[str]]:
    """Cell ids that should start a subslide, and ids of cells too tall for any slide.

    A fragment reads the cell before it (a figure, a table), so the two move together: when
    a fragment does not fit, the break goes before the cell it reads.
    """
    cells = [cell for cell in nb.cells if cell.id in heights]  # the deck's cells
    breaks, too_tall = [], []
    used = 0
    for i, cell in enumerate(cells):
        height = heights[cell.id]
        if height + running_header(cell, heights) > ROOM:
            too_tall.append(cell.id)
        if slide_type(cell) in BREAKS:
            used = height + running_header(cell, heights)
        elif used + height <= ROOM:
            used += height
        elif slide_type(cell) == "fragment" and i > 0 and slide_type(cells[i - 1]) not in BREAKS:
            read = cells[i - 1]
            if read.id not in breaks:
                breaks.append(read.id)
            used = heights[read.id] + running_header(read, heights) + height
            if used > ROOM:
                too_tall.append(cell.id)
        elif slide_type(cell) == "fragment":  # what it reads already opens the slide
            too_tall.append(cell.id)
            used += height
        else:
            breaks.append(cell.id)
            used = height + running_header(cell, heights)
    return breaks, too_tall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fit_slides", description=__doc__)
    parser.add_argument("slides", type=Path, help="the folder make slides wrote")
    parser.add_argument("--write", action="store_true", help="set the breaks in notebooks/")
    args = parser.parse_args(argv)

    executable = browser.find_chromium()
    if executable is None:
        print("No Chromium found: install it (Debian: apt-get install chromium) or set $CHROMIUM.")
        return 2
    # The chapters' decks and the glossary's (index.html is a list of decks, not a deck).
    decks = sorted(
        p for p in args.slides.glob("*.html") if (NOTEBOOKS / f"{p.stem}.ipynb").exists()
    )
    problems = 0
    with browser.serve(args.slides) as base, browser.chromium(executable) as chrome:
        page = browser.new_page(chrome, base)
        for deck in decks:
            browser.open_deck(page, f"{base}/{deck.name}")
            slides = browser.measure_deck(page)
            heights = {cell["id"]: cell["height"] for s in slides for cell in s["cells"]}
            over = [s for s in slides if s["height"] > browser.SLIDE_HEIGHT]
            source = NOTEBOOKS / f"{deck.stem}.ipynb"
            nb = nbformat.read(source, as_version=4)
            breaks, too_tall = propose_breaks(nb, heights)
            print(f"{deck.stem}: {len(slides)} slides, {len(over)} too tall")
            for s in over:
                print(f"  slide {s['number'] + 1}: {s['height']} px  {s['title'][:60]!r}")
            for s in slides:
                if s["scrolling"]:
                    where = f"slide {s['number'] + 1}: {s['scrolling']} boxes scroll"
                    print(f"  {where}  {s['title'][:50]!r}")
            problems += sum(bool(s["scrolling"]) for s in slides)
            for cell_id in too_tall:
                print(f"  cell {cell_id} ({heights[cell_id]} px) does not fit with what it needs")
            problems += len(too_tall)
            if breaks and args.write:
                for cell in nb.cells:
                    if cell.id in breaks:
                        cell.metadata.setdefault("slideshow", {})["slide_type"] = "subslide"
                nbformat.write(nb, source)
                print(f"  wrote {len(breaks)} new subslide breaks to {source.name}")
            elif breaks:
                print(f"  would start a subslide at {len(breaks)} cells: {breaks}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
