"""Build what the course hands out: student handouts, executed notebooks, slides and pages.

The Makefile drives this module; each step reads files and writes files:

    notebooks/NN_x.ipynb --handout--> build/handouts/NN_x.ipynb   (solutions -> placeholders)
    build/handouts/NN_x.ipynb --execute--> build/executed/NN_x.ipynb
    build/executed/*.ipynb --slides--> build/slides/NN_x.html + index.html + _static/
    build/executed/*.ipynb --html--> build/html/NN_x.html + index.html + _static/

Decks and pages are rendered from the executed *handout*: decks leave out exercise
answers and the check cell anyway, pages are for students, and the same run proves that a
handout runs from top to bottom without the solutions. Every script and style sheet a deck
or page loads is copied into its `_static/` folder from packages in the lock (reveal.js
from sphinx-revealjs, MathJax 2 from jupyter-server-mathjax), so they work offline.

Run `python -m tools.export --help` from the repository root.
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import re
import shutil
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter, SlidesExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"

SOLUTION_TAG = "solution"
CHECK_TAG = "check"
# What a handout's answer cell says instead of the solution. It is a comment, so the
# handout still runs from top to bottom.
ANSWER_TAG = "answer"
PLACEHOLDER = "# Exercise {number}: your solution here.\n"

SLIDE_SIZE = (1280, 720)  # a classroom projector; tools/browser.py measures against it
MATHJAX_URL = "_static/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe,course-offline"
# jupyter-server-mathjax ships only the STIX-Web fonts; without this MathJax asks for its
# default TeX fonts, which are not there.
MATHJAX_FONTS = """MathJax.Hub.Config({
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null}
});
MathJax.Ajax.loadComplete("[MathJax]/config/course-offline.js");
"""
REVEAL_PREFIX = "_static/reveal.js"
REVEAL_THEME = "white"

_LINK = re.compile(r"\]\(([^)\s]+)\)")
_EXTRA_CODE = re.compile(r"^#\s*extra code", re.IGNORECASE)
SIDE_BY_SIDE_LINES = 8
_SOLUTION_NUMBER = re.compile(r"^#\s*Solution\s+(\d+)", re.IGNORECASE)


class ExportError(RuntimeError):
    """A notebook cannot be turned into a handout, deck or page; the message says why."""


# --------------------------------------------------------------------------- notebooks


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def write_if_changed(text: str, path: Path) -> bool:
    """Write text atomically; leave the file (and its timestamp) alone if it is the same."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
    ) as tmp:
        tmp.write(text)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp.name, 0o666 & ~umask)  # a temporary file is private; the export is not
    os.replace(tmp.name, path)
    return True


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def chapter_title(nb) -> str:
    """'01 · Approaches to machine learning' from the title cell '# 01 · ...'."""
    first = nb.cells[0].source.splitlines()[0] if nb.cells else ""
    return first.lstrip("#").strip() or "Untitled"


def solution_cells(nb) -> list[int]:
    return [i for i, cell in enumerate(nb.cells) if SOLUTION_TAG in tags(cell)]


# --------------------------------------------------------------------------- handouts


def make_handout(solved) -> nbformat.NotebookNode:
    """The student copy: each solution's code becomes a placeholder; everything else stays.

    The answer cell is left visible (solutions are collapsed in the course notebooks) and
    tagged `answer` instead of `solution`.
    """
    handout = copy.deepcopy(solved)
    for number, index in enumerate(solution_cells(handout), start=1):
        cell = handout.cells[index]
        if cell.cell_type != "code":
            raise ExportError(f"cell {index} is tagged '{SOLUTION_TAG}' but is not a code cell")
        found = _SOLUTION_NUMBER.match(cell.source)
        cell.source = PLACEHOLDER.format(number=found.group(1) if found else number)
        cell.outputs = []
        cell.execution_count = None
        cell.metadata.pop("jupyter", None)
        cell.metadata["tags"] = [ANSWER_TAG if t == SOLUTION_TAG else t for t in tags(cell)]
    return handout


def handout(source: Path, target: Path) -> bool:
    """Write the handout of one notebook; True if the file changed.

    Links to other chapters stay as they are; links to anything else (the README) are
    rewritten to work from the handout's folder.
    """
    nb = make_handout(read(source))
    rewrite_links(nb, lambda link: relocated_link(link, target.parent, rendered=False))
    return write_if_changed(nbformat.writes(nb) + "\n", target)


# --------------------------------------------------------------------------- execution


def execute(source: Path, target: Path, timeout: int = 600) -> float:
    """Run a notebook top to bottom in this environment's kernel and save it with outputs.

    The working directory is notebooks/, as in JupyterLab and CI. A failing cell raises
    nbclient's CellExecutionError (with the traceback) and leaves no partial file behind.
    """
    nb = read(source)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-kernel-") as sockets:
        # Unix sockets where there are any: the kernel's ports are not open to the network.
        config = Config()
        if os.name == "posix":
            config.KernelManager.transport = "ipc"
            config.KernelManager.ip = str(Path(sockets) / "kernel")
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=timeout,
            resources={"metadata": {"path": str(NOTEBOOKS)}},
            config=config,
        )
        client.execute()
    elapsed = time.perf_counter() - started
    nb.metadata.setdefault("course", {})["executed_seconds"] = round(elapsed, 1)
    write_if_changed(nbformat.writes(nb) + "\n", target)
    target.touch()  # newer than its handout even if nothing changed, so make will not rerun it
    return elapsed


# --------------------------------------------------------------------------- links


def rewrite_links(nb, link_for) -> None:
    """Rewrite the targets of Markdown links in place with link_for(target) -> target."""

    def replace(match: re.Match) -> str:
        return f"]({link_for(match.group(1))})"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _LINK.sub(replace, cell.source)


def relocated_link(
    target: str, out_dir: Path, rendered: bool = True, base: Path = NOTEBOOKS
) -> str:
    """Where a link written in a notebook in base should point from a copy in out_dir.

    Other chapters stay siblings (as .html when rendered), the README becomes the index of
    the rendered chapters, and any other file is reached from out_dir.
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("#"):
        return target  # web links and anchors stay as they are
    path, _, anchor = target.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    base = base.resolve()
    resolved = (base / path).resolve()
    if resolved.parent == base and resolved.suffix == ".ipynb":
        return (resolved.with_suffix(".html") if rendered else resolved).name + suffix
    if rendered and resolved == ROOT / "README.md":
        return "index.html" + suffix
    return Path(os.path.relpath(resolved, out_dir.resolve())).as_posix() + suffix


# --------------------------------------------------------------------------- rendering


def _copy_tree(source: Path, target: Path, skip=lambda p: False) -> None:
    """A fresh copy of source at target (what an older package left there is removed)."""
    shutil.rmtree(target, ignore_errors=True)
    for path in sorted(source.rglob("*")):
        if path.is_file() and not skip(path):
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def copy_assets(out_dir: Path, reveal: bool) -> None:
    """Copy MathJax (and reveal.js for decks) and the course style sheet into out_dir/_static."""
    static = out_dir / "_static"
    mathjax = Path(str(resources.files("jupyter_server_mathjax") / "static"))
    _copy_tree(mathjax, static / "mathjax")
    write_if_changed(MATHJAX_FONTS, static / "mathjax" / "config" / "course-offline.js")
    if reveal:
        revealjs = Path(str(resources.files("sphinx_revealjs") / "_static" / "revealjs"))
        theme = f"{REVEAL_THEME}.css"

        def unused(path: Path) -> bool:
            # Source maps, ES modules, and the other themes (some import web fonts).
            other_theme = path.parent.name == "theme" and path.name != theme
            return path.suffix in {".map", ".scss"} or path.name.endswith(".esm.js") or other_theme

        for part in ("dist", "plugin"):
            _copy_tree(revealjs / part, static / "reveal.js" / part, skip=unused)
        shutil.copyfile(revealjs / "LICENSE", static / "reveal.js" / "LICENSE")
    css = TEMPLATES / ("slides.css" if reveal else "pages.css")
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(css, static / "course.css")


def _config() -> Config:
    config = Config()
    for exporter in ("SlidesExporter", "HTMLExporter"):
        config[exporter].extra_template_basedirs = [str(TEMPLATES)]
        config[exporter].extra_template_paths = [str(TEMPLATES)]  # shared snippets
        config[exporter].mathjax_url = MATHJAX_URL
        # Belt and braces: the course templates load none of these, and none may be a CDN.
        config[exporter].require_js_url = ""
        config[exporter].jquery_url = ""
        config[exporter].mermaid_js_url = ""
    config.SlidesExporter.template_name = "course_reveal"
    config.SlidesExporter.reveal_url_prefix = REVEAL_PREFIX
    config.SlidesExporter.reveal_theme = REVEAL_THEME
    config.SlidesExporter.reveal_transition = "slide"
    config.SlidesExporter.reveal_number = "c/t"
    config.SlidesExporter.reveal_width = str(SLIDE_SIZE[0])
    config.SlidesExporter.reveal_height = str(SLIDE_SIZE[1])
    config.HTMLExporter.template_name = "course_lab"
    return config


def _has_picture(cell) -> bool:
    """A figure or scikit-learn's pipeline diagram: output that can shrink to half a slide
    (a table or Keras' model summary cannot)."""
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "image/png" in data or "sk-container" in str(data.get("text/html", "")):
            return True
    return False


_QUESTIONS_HEADING = "## Check your understanding"
_QUESTION = re.compile(
    r"^\d+\.\s+(?P<question>.+?)\s*<details><summary>Answer</summary>(?P<answer>.+?)</details>",
    re.DOTALL | re.MULTILINE,
)


def _one(text: str) -> str:
    """A question or answer that was indented under a list item, as plain Markdown."""
    return " ".join(text.split())


def question_slides(cell) -> list:
    """The chapter's check-your-understanding cell as a deck: a title slide, then each
    question on a slide of its own with its answer as a fragment (the next key press)."""
    items = _QUESTION.findall(cell.source)
    if not items:
        raise ExportError(f"cell {cell.id}: no numbered questions with <details> answers")
    count = len(items)
    title = nbformat.v4.new_markdown_cell(
        f"{_QUESTIONS_HEADING}\n\n{count} questions. Think of your answer, then press → to see it.",
        id=cell.id,
        metadata={"slideshow": {"slide_type": "slide"}},
    )
    slides = [title]
    for number, (question, answer) in enumerate(items, start=1):
        slides.append(
            nbformat.v4.new_markdown_cell(
                f"### Check your understanding: {number} of {count}\n\n{_one(question)}",
                id=f"{cell.id}-q{number}",
                metadata={"slideshow": {"slide_type": "subslide"}},
            )
        )
        slides.append(
            nbformat.v4.new_markdown_cell(
                f"**Answer.** {_one(answer)}",
                id=f"{cell.id}-a{number}",
                metadata={"slideshow": {"slide_type": "fragment"}},
            )
        )
    return slides


HEADING = re.compile(r"^#{1,4}\s+(?P<title>.+?)\s*$", re.MULTILINE)
_NAVIGATION = re.compile(r"^---\s*\n\*\*Previous:\*\*")
CONTINUED_ID = "-continued"


def slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def running_headers(cells: list) -> list:
    """Give every slide a visible title: a slide or subslide that does not open with a
    heading gets a small one above it, its section's title with "(continued)" (the
    chapter's last slide, its previous/next links, is headed "Where next")."""
    out, section = [], None
    for cell in cells:
        heading = HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        kind = slide_type(cell)
        if kind in {"slide", "subslide"} and heading is None:
            if cell.cell_type == "markdown" and _NAVIGATION.match(cell.source):
                title = "Where next"
            else:
                title = f"{section} (continued)" if section else "Continued"
            out.append(
                nbformat.v4.new_markdown_cell(
                    f"#### {title}",
                    id=f"{cell.id}{CONTINUED_ID}",
                    metadata={"slideshow": {"slide_type": kind}},
                )
            )
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "-"
        if heading is not None:
            section = heading["title"]
        out.append(cell)
    return out


def deck_cells(nb) -> nbformat.NotebookNode:
    """The notebook as presented: no solutions, no answer placeholders, no check cell.

    Two layout rules keep a slide on the screen: an "# Extra code" cell (code that is not
    the lesson) shows only its output, and a long code cell that draws a figure puts the
    code beside the figure or diagram instead of above it. The check-your-understanding
    questions become a slide each, with the answer as the next fragment, and a slide that
    does not open with a heading gets its section's title (see `running_headers`).
    """
    deck = copy.deepcopy(nb)
    hidden = {SOLUTION_TAG, ANSWER_TAG, CHECK_TAG}
    cells = []
    for cell in deck.cells:
        if hidden & set(tags(cell)):
            continue
        if cell.cell_type == "markdown" and cell.source.startswith(_QUESTIONS_HEADING):
            cells += question_slides(cell)
        else:
            cells.append(cell)
    deck.cells = running_headers(cells)
    for cell in deck.cells:
        if cell.cell_type != "code":
            continue
        if _EXTRA_CODE.match(cell.source):
            cell.metadata["transient"] = {"remove_source": True}
        elif _has_picture(cell) and len(cell.source.splitlines()) > SIDE_BY_SIDE_LINES:
            cell.metadata["tags"] = [*tags(cell), "deck-side-by-side"]
    return deck


def count_slides(nb) -> int:
    """How many reveal.js sections a deck of nb has: its slide and subslide cells."""
    return sum(slide_type(cell) in {"slide", "subslide"} for cell in deck_cells(nb).cells)


def _rendered(nb, path: Path, out_dir: Path):
    """nb with its links pointing where they work from out_dir (it was read from path)."""
    rewrite_links(nb, lambda target: relocated_link(target, out_dir, base=path.parent))
    return nb


def render_slides(executed: list[Path], out_dir: Path) -> list[Path]:
    """A reveal.js deck per executed notebook, an index, and the assets they load."""
    copy_assets(out_dir, reveal=True)
    exporter = SlidesExporter(config=_config())
    notebooks = {path: read(path) for path in executed}
    written = []
    for path, nb in notebooks.items():
        deck = _rendered(deck_cells(nb), path, out_dir)
        body, _ = exporter.from_notebook_node(deck, resources={"metadata": {"name": path.stem}})
        target = out_dir / f"{path.stem}.html"
        write_if_changed(body, target)
        written.append(target)
    from tools.browser import print_pdfs  # tools.browser imports this module

    pdfs = print_pdfs(out_dir, written)
    write_index(notebooks, out_dir, kind="slides", pdfs={pdf.stem for pdf in pdfs})
    return written


def render_pages(executed: list[Path], out_dir: Path) -> list[Path]:
    """An HTML page per executed notebook with previous/next links, and an index."""
    copy_assets(out_dir, reveal=False)
    exporter = HTMLExporter(config=_config())
    notebooks = {path: read(path) for path in executed}
    chapters = [
        {"href": f"{path.stem}.html", "title": chapter_title(nb)} for path, nb in notebooks.items()
    ]
    written = []
    for i, (path, nb) in enumerate(notebooks.items()):
        nav = {
            "previous": chapters[i - 1] if i > 0 else None,
            "next": chapters[i + 1] if i + 1 < len(chapters) else None,
        }
        body, _ = exporter.from_notebook_node(
            _rendered(nb, path, out_dir),
            resources={"metadata": {"name": path.stem}, "course_nav": nav},
        )
        target = out_dir / f"{path.stem}.html"
        write_if_changed(body, target)
        written.append(target)
    write_index(notebooks, out_dir, kind="html")
    return written


_INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Modeling in Python: {heading}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }}
a {{ color: #0072b2; }}
ul {{ list-style: none; padding-left: 0; }}
li {{ margin: 0.35em 0; }}
kbd {{ font-size: 0.9em; border: 1px solid #bbb; border-radius: 3px; padding: 0 0.3em; }}
.runtime {{ color: #666; font-size: 0.9em; }}
</style>
</head>
<body>
<h1>Modeling in Python: {heading}</h1>
<p>{intro}</p>
<ul>
{items}
</ul>
<p>{other}</p>
</body>
</html>
"""


def write_index(
    notebooks: dict[Path, nbformat.NotebookNode], out_dir: Path, kind: str, pdfs=frozenset()
) -> Path:
    """index.html: every chapter with its runtime, and the PDF of its deck where there is one."""
    items = []
    for path, nb in notebooks.items():
        seconds = nb.metadata.get("course", {}).get("executed_seconds")
        runs_code = any(cell.cell_type == "code" for cell in nb.cells)  # not the glossary
        runtime = ""
        if seconds and runs_code:
            runtime = f' <span class="runtime">(ran in {seconds:.0f} s)</span>'
        title = html.escape(chapter_title(nb))
        pdf = f' · <a href="{path.stem}.pdf">PDF</a>' if path.stem in pdfs else ""
        items.append(f'<li><a href="{path.stem}.html">{title}</a>{pdf}{runtime}</li>')
    if kind == "slides":
        heading, intro = (
            "slides",
            "One reveal.js deck per chapter, with outputs. Arrow keys move, <kbd>S</kbd> opens "
            "the speaker view, <kbd>F</kbd> is full screen, <kbd>Esc</kbd> shows all slides. "
            "Everything is served from this folder: no internet needed. Each PDF has one page "
            "per slide, to print or to send.",
        )
        other = 'Read the chapters as pages: <a href="../html/index.html">rendered pages</a>.'
    else:
        heading, intro = (
            "chapters",
            "Every chapter rendered with its outputs, to read before running it. The exercises "
            "are there; their solutions are in the notebooks.",
        )
        other = 'Present them: <a href="../slides/index.html">slides</a>.'
    text = _INDEX.format(heading=heading, intro=intro, items="\n".join(items), other=other)
    target = out_dir / "index.html"
    write_if_changed(text, target)
    return target


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.export", description=__doc__)
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("handout", help="write the student copy of a notebook")
    step.add_argument("source", type=Path)
    step.add_argument("target", type=Path)
    step = steps.add_parser("execute", help="run a notebook and save it with its outputs")
    step.add_argument("source", type=Path)
    step.add_argument("target", type=Path)
    step.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    for name, what in (("slides", "reveal.js decks"), ("html", "HTML pages")):
        step = steps.add_parser(name, help=f"render executed notebooks as {what}")
        step.add_argument("executed", type=Path, nargs="+")
        step.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    try:
        if args.step == "handout":
            changed = handout(args.source, args.target)
            print(f"{args.target}: {'written' if changed else 'unchanged'}")
        elif args.step == "execute":
            print(f"Running {args.source.name} ...", flush=True)
            seconds = execute(args.source, args.target, timeout=args.timeout)
            print(f"{args.target}: ran in {seconds:.0f} s")
        else:
            render = render_slides if args.step == "slides" else render_pages
            written = render(sorted(args.executed), args.out)
            print(f"{args.out}/: {len(written)} {args.step} files and index.html")
    except (ExportError, FileNotFoundError, nbformat.ValidationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except CellExecutionError as error:
        print(f"error: {args.source} fails when it runs:\n{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
