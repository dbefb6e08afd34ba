"""JupyterLab as `make lab` starts it, in headless Chromium: chapter 00 runs without an
error, and RISE presents a chapter as live slides (title, math, next slide, a figure).

Screenshots go to build/screenshots/. Skipped without a Chromium, except in CI.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from exported import BUILD, NOTEBOOKS, ROOT, SHOTS, built

from tools import browser

LIVE_SLIDES = next(p for p in NOTEBOOKS if p.name.startswith("05_"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 with a token; yields (base URL, token)."""
    port, token = free_port(), secrets.token_hex(16)
    scratch = tmp_path_factory.mktemp("jupyter")
    # JupyterLab autosaves what it runs: serve copies, never the course's own notebooks.
    course = scratch / "course"
    shutil.copytree(ROOT / "notebooks", course / "notebooks")
    # RISE is shown the chapter with its outputs (the run make slides made) to show figures.
    executed = built(BUILD / "executed" / LIVE_SLIDES.name)
    shutil.copyfile(executed, course / "notebooks" / LIVE_SLIDES.name)
    env = {
        **os.environ,
        # Keep the user's own settings, workspaces and runtime files out of the test.
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(scratch / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={course}",
        f"--IdentityProvider.token={token}",
        # Lets the test call JupyterLab's commands (run all cells) from the page.
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.getuid() == 0:  # containers; as in the Makefile
        command.append("--ServerApp.allow_root=True")
    log = open(scratch / "lab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: {(scratch / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


_ALL_RAN = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = Array.from(panel.content.model.cells).filter(c => c.type === 'code');
  return kernel && kernel.status === 'idle' && cells.every(c => c.executionCount !== null);
}
"""
_ERRORS = """
() => Array.from(window.jupyterapp.shell.currentWidget.content.model.cells)
  .filter(c => c.type === 'code')
  .flatMap(c => c.outputs.toJSON())
  .filter(o => o.output_type === 'error')
  .map(o => o.ename + ': ' + o.evalue)
"""


def test_chapter_00_runs_in_jupyterlab(lab, chrome):
    base, token = lab
    page = browser.new_page(chrome, base)
    page.goto(f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={token}")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.ready")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(_ALL_RAN, timeout=180_000, polling=500)
    assert page.evaluate(_ERRORS) == []
    page.screenshot(path=SHOTS / "lab-1-chapter-00.png")
    assert not page.course_external, f"JupyterLab went online: {page.course_external[:3]}"
    page.close()


def test_rise_presents_a_chapter_live(lab, chrome):
    base, token = lab
    page = browser.new_page(chrome, base)
    page.goto(f"{base}/rise/notebooks/{LIVE_SLIDES.name}?token={token}")
    current = page.locator(".reveal .slides section.present").last
    current.wait_for(timeout=60_000)
    title = current.locator("h1").first
    title.wait_for(timeout=30_000)
    assert title.inner_text().startswith(LIVE_SLIDES.name[:2])
    page.screenshot(path=SHOTS / "rise-1-title.png")

    first = current.evaluate("s => s.innerText")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "text => document.querySelector('.reveal .slides section.present:not(.stack)')"
        ".innerText !== text",
        arg=first,
    )
    page.wait_for_selector(".reveal section.present mjx-container", timeout=30_000)
    page.wait_for_timeout(1500)  # let the slide transition finish before the picture
    page.screenshot(path=SHOTS / "rise-2-math.png")

    figure = page.locator(".reveal section.present .jp-RenderedImage img")
    for _ in range(20):
        if figure.count() and figure.first.is_visible():
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
    assert figure.first.evaluate("img => img.complete && img.naturalWidth > 100")
    page.wait_for_timeout(1500)
    page.screenshot(path=SHOTS / "rise-3-figure.png")
    assert not page.course_external, f"RISE went online: {page.course_external[:3]}"
    page.close()
