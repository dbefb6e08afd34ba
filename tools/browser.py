"""A headless Chromium that looks at the exported decks and pages the way a classroom would.

Used by tests/exports/test_browser.py and by `python -m tools.fit_slides`. It drives the
system's Chromium (Debian's `chromium` package, or the one named by $CHROMIUM) with
Playwright; it never downloads a browser, and it refuses every request that does not go
to the local server, so a deck that needs the internet fails instead of quietly working.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from tools.export import SLIDE_SIZE

SLIDE_WIDTH, SLIDE_HEIGHT = SLIDE_SIZE
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Quiet, offline, no first-run chores; --no-sandbox because CI containers run as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--mute-audio",
]


def find_chromium() -> str | None:
    """The Chromium to drive: $CHROMIUM if set, else the first one on PATH, else None."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) for as long as the block runs; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(executable: str):
    """A headless Chromium browser (Playwright's Browser object)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, base_url: str):
    """A 1280x720 tab that records console errors and refuses requests off base_url.

    The page gets two lists: page.course_errors (console errors and failed requests) and
    page.course_external (requests it refused because they left the local server).
    """
    page = browser.new_page(viewport={"width": SLIDE_WIDTH, "height": SLIDE_HEIGHT})
    page.course_errors, page.course_external = [], []

    def route(route):
        url = route.request.url
        if url.startswith((base_url, "data:", "blob:")):
            route.continue_()
        else:
            page.course_external.append(url)
            route.abort()

    def error(text: str) -> None:
        # MathJax 2 detects web fonts with a font at url(about:blank), which Chromium
        # refuses and logs; it is a probe, not a missing asset.
        if "about:blank" not in text:
            page.course_errors.append(text)

    def console(message) -> None:
        # "Failed to load resource" names no URL; the request and response hooks do.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            error(message.text)

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda e: error(str(e)))
    page.on("requestfailed", lambda r: error(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and error(f"HTTP {r.status}: {r.url}"))
    return page


def wait_for_math(page, timeout_ms: int = 30_000) -> None:
    """Wait until MathJax has typeset everything queued so far."""
    page.wait_for_function("window.MathJax && MathJax.isReady", timeout=timeout_ms)
    page.evaluate("() => new Promise(done => MathJax.Hub.Queue(['Typeset', MathJax.Hub], done))")


def open_deck(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    wait_for_math(page)


_MEASURE = """
() => {
  const slide = Reveal.getCurrentSlide();
  const cells = [...slide.querySelectorAll(':scope > .jp-Cell, :scope > div > .jp-Cell')];
  const tops = cells.map(c => c.offsetTop);
  const smallest = selector => {
    const sizes = [...slide.querySelectorAll(selector)].map(
      e => parseFloat(getComputedStyle(e).fontSize));
    return sizes.length ? Math.min(...sizes) : 0;
  };
  return {
    height: slide.scrollHeight,
    width: slide.scrollWidth,
    title: (slide.querySelector('h1, h2, h3, h4') || {}).textContent || '',
    // The first heading's text if it shows near the top of the slide, else ''.
    heading: [...slide.querySelectorAll('h1, h2, h3, h4')].filter(h => {
      const top = h.getBoundingClientRect().top - slide.getBoundingClientRect().top;
      return h.offsetHeight > 0 && top < 200 && getComputedStyle(h).visibility === 'visible';
    }).map(h => h.textContent.trim()).find(t => t) || '',
    // The smallest font of the slide's code and of its prose, in px (0: none on the slide).
    codeFont: smallest('.jp-InputArea-editor pre'),
    proseFont: smallest('.jp-RenderedMarkdown p, .jp-RenderedMarkdown li'),
    // Boxes inside the slide that would need a scroll bar (a wide table, a long output).
    scrolling: [...slide.querySelectorAll('*')].filter(e => {
      const style = getComputedStyle(e);
      return (e.scrollWidth > e.clientWidth + 2 && /auto|scroll/.test(style.overflowX)) ||
             (e.scrollHeight > e.clientHeight + 2 && /auto|scroll/.test(style.overflowY));
    }).length,
    cells: cells.map((c, i) => ({
      id: c.id.replace(/^cell-id=/, ''),
      height: (i + 1 < cells.length ? tops[i + 1] : slide.scrollHeight) - tops[i],
    })),
  };
}
"""


def measure_deck(page) -> list[dict]:
    """Show every slide of the open deck in turn; return each one's size and its cells'.

    Heights are in the deck's own pixels (a slide is SLIDE_WIDTH x SLIDE_HEIGHT), before
    reveal.js scales the slide to the window.
    """
    slides = []
    for number in range(page.evaluate("Reveal.getTotalSlides()")):
        page.evaluate(
            """n => { const i = Reveal.getIndices(Reveal.getSlides()[n]);
                      Reveal.slide(i.h, i.v, Number.MAX_SAFE_INTEGER); }""",
            number,
        )
        page.evaluate(
            """() => new Promise(done =>
                 MathJax.Hub.Queue(['Rerender', MathJax.Hub, Reveal.getCurrentSlide()], done))"""
        )
        slides.append({"number": number, **page.evaluate(_MEASURE)})
    return slides


def print_pdfs(slides_dir: Path, decks: list[Path]) -> list[Path]:
    """A PDF next to each deck, one page per slide, from reveal.js's print view.

    Fragments are shown all at once (one page per slide, not per step), a slide taller
    than the projector is cut at its bottom instead of spilling onto a second page, and
    nothing is fetched from the internet. Returns the PDFs written; none (with a message
    on stderr) when there is no Chromium to print with.
    """
    import sys

    executable = find_chromium()
    if executable is None:
        print(
            "PDFs of the decks skipped: no Chromium (apt-get install chromium, or set $CHROMIUM)",
            file=sys.stderr,
        )
        return []
    written = []
    with serve(slides_dir) as base_url, chromium(executable) as browser:
        page = new_page(browser, base_url)
        for deck in decks:
            open_deck(page, f"{base_url}/{deck.name}?print-pdf")
            page.wait_for_function("document.querySelectorAll('.pdf-page').length > 0")
            target = deck.with_suffix(".pdf")
            page.pdf(
                path=str(target),
                width=f"{SLIDE_WIDTH}px",
                height=f"{SLIDE_HEIGHT}px",
                print_background=True,
                margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
            )
            written.append(target)
        if page.course_external or page.course_errors:
            raise RuntimeError(
                f"printing the decks: refused {page.course_external[:3]}, errors "
                f"{page.course_errors[:3]}"
            )
    return written
