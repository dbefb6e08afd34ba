"""The exported decks and pages in a real browser: headless Chromium at projector size.

Screenshots go to build/screenshots/. Without a Chromium this module is skipped on a
laptop and fails in CI (where .ci/run installs Debian's chromium).
"""

import nbformat
import pytest
from exported import BUILD, NOTEBOOKS, PAGES, SHOTS, built

from tools import browser
from tools.export import count_slides

# Readable from the back row of a classroom, at the deck's 1280x720.
CODE_PX, PROSE_PX = 16, 22
# The chapter shown in the step-by-step tests: it has formulas, figures and code.
CHAPTER = next(p for p in NOTEBOOKS if p.name.startswith("05_"))


@pytest.fixture(scope="module")
def base_url():
    built(BUILD / "slides" / "index.html")
    built(BUILD / "html" / "index.html")
    with browser.serve(BUILD) as url:
        yield url


@pytest.fixture
def tab(chrome, base_url):
    page = browser.new_page(chrome, base_url)
    yield page
    assert not page.course_external, f"requests left the machine: {page.course_external[:3]}"
    assert not page.course_errors, f"browser errors: {page.course_errors[:3]}"
    page.close()


def first_slide_with(tab, selector: str) -> int:
    number = tab.evaluate(
        "s => Reveal.getSlides().findIndex(slide => slide.querySelector(s))", selector
    )
    assert number >= 0, f"no slide has {selector}"
    tab.evaluate(
        "n => { const i = Reveal.getIndices(Reveal.getSlides()[n]); Reveal.slide(i.h, i.v); }",
        number,
    )
    browser.wait_for_math(tab)
    return number


def test_deck_title_math_figure_and_next_slide(tab, base_url):
    browser.open_deck(tab, f"{base_url}/slides/{CHAPTER.stem}.html")

    title = tab.locator("section.present h1").first
    assert title.is_visible()
    assert title.inner_text().startswith(CHAPTER.name[:2])
    tab.screenshot(path=SHOTS / "deck-1-title.png")

    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("Reveal.getIndices().h") == 1, "the right arrow did not move on"
    assert tab.evaluate("Reveal.getProgress()") > 0
    tab.screenshot(path=SHOTS / "deck-2-next.png")

    first_slide_with(tab, ".MathJax, .MathJax_Display")
    typeset = tab.locator("section.present .MathJax, section.present .MathJax_Display")
    assert typeset.count() > 0 and typeset.first.is_visible()
    assert tab.locator(".MathJax_Error, .merror").count() == 0, "MathJax could not typeset"
    tab.screenshot(path=SHOTS / "deck-3-math.png")

    first_slide_with(tab, ".jp-RenderedImage img")
    figure = tab.locator("section.present .jp-RenderedImage img").first
    assert figure.is_visible()
    assert figure.evaluate("img => img.complete && img.naturalWidth > 100")
    assert figure.bounding_box()["width"] > 300
    tab.screenshot(path=SHOTS / "deck-4-figure.png")


@pytest.mark.parametrize("notebook", PAGES, ids=[p.stem for p in PAGES])
def test_every_slide_fits_the_projector_titled_and_legible(tab, base_url, notebook):
    browser.open_deck(tab, f"{base_url}/slides/{notebook.stem}.html")
    slides = browser.measure_deck(tab)
    executed = nbformat.read(BUILD / "executed" / notebook.name, as_version=4)
    assert len(slides) == count_slides(executed)
    too_big = [
        f"slide {s['number'] + 1} ({s['title'][:40]!r}): {s['width']}x{s['height']} px, "
        f"{s['scrolling']} scrolling boxes"
        for s in slides
        if s["height"] > browser.SLIDE_HEIGHT or s["width"] > browser.SLIDE_WIDTH or s["scrolling"]
    ]
    assert not too_big, (
        f"slides larger than {browser.SLIDE_WIDTH}x{browser.SLIDE_HEIGHT}: {too_big}. "
        "`python -m tools.fit_slides build/slides` says where to break them."
    )
    untitled = [s["number"] + 1 for s in slides if not s["heading"]]
    assert not untitled, f"slides without a visible heading near the top: {untitled}"
    small = [
        f"slide {s['number'] + 1} ({s['title'][:40]!r}): code {s['codeFont']} px, "
        f"prose {s['proseFont']} px"
        for s in slides
        if 0 < s["codeFont"] < CODE_PX or 0 < s["proseFont"] < PROSE_PX
    ]
    assert not small, f"code under {CODE_PX} px or prose under {PROSE_PX} px: {small}"


def test_page_title_math_figure_and_next_page(tab, base_url):
    tab.goto(f"{base_url}/html/{CHAPTER.stem}.html")
    browser.wait_for_math(tab)
    assert tab.locator("h1").first.inner_text().startswith(CHAPTER.name[:2])
    assert tab.locator(".MathJax, .MathJax_Display").count() > 0
    assert tab.locator(".MathJax_Error, .merror").count() == 0
    tab.screenshot(path=SHOTS / "page-1-top.png")
    figure = tab.locator(".jp-RenderedImage img").first
    figure.scroll_into_view_if_needed()
    assert figure.evaluate("img => img.complete && img.naturalWidth > 100")
    tab.screenshot(path=SHOTS / "page-2-figure.png")

    tab.locator(".course-nav-top a[rel=next]").click()
    tab.wait_for_load_state()
    following = NOTEBOOKS[NOTEBOOKS.index(CHAPTER) + 1]
    assert tab.url.endswith(f"/html/{following.stem}.html")
    assert tab.locator("h1").first.inner_text().startswith(following.name[:2])
    tab.screenshot(path=SHOTS / "page-3-next.png")


def test_indexes_open_every_chapter(tab, base_url):
    for kind in ("slides", "html"):
        tab.goto(f"{base_url}/{kind}/index.html")
        assert tab.locator("ul li a[href$='.html']").count() == len(PAGES)
        if kind == "slides":  # and the PDF of each deck
            assert tab.locator("ul li a[href$='.pdf']").count() == len(PAGES)
        tab.screenshot(path=SHOTS / f"index-{kind}.png")
