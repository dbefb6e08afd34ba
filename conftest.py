"""Times every notebook that nbval runs and enforces its runtime budget.

Each notebook's budget is ``metadata.course.runtime_budget_s`` (90 s when absent,
as the syllabus sets it). A notebook that takes more than twice its budget fails
the run. The total is compared with the whole course's budget of 12 minutes. The table
of seconds per notebook is printed at the end and written to
``build/notebook_timings.csv`` for the README.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

DEFAULT_BUDGET_S = 90.0
COURSE_BUDGET_S = 720.0  # the whole course, when every notebook runs: 12 minutes
TOLERANCE = 2.0
TIMINGS_FILE = Path(__file__).parent / "build" / "notebook_timings.csv"

_seconds: dict[str, float] = defaultdict(float)
_failed: set[str] = set()


def runtime_budget(path: Path) -> float:
    """The runtime budget in seconds that a notebook declares in its metadata."""
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return float(metadata.get("course", {}).get("runtime_budget_s", DEFAULT_BUDGET_S))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    notebook = report.nodeid.split("::", 1)[0]
    if notebook.endswith(".ipynb"):
        _seconds[notebook] += report.duration  # setup (kernel start), call and teardown
        if report.failed:
            _failed.add(notebook)


def _rows(rootdir: Path) -> list[tuple[str, float, float, str]]:
    rows = []
    for notebook, seconds in sorted(_seconds.items()):
        budget = runtime_budget(rootdir / notebook)
        if notebook in _failed:
            verdict = "FAILED"
        elif seconds > TOLERANCE * budget:
            verdict = "TOO SLOW"
        elif seconds > budget:
            verdict = "over budget"
        else:
            verdict = "ok"
        rows.append((notebook, seconds, budget, verdict))
    return rows


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    rows = _rows(Path(session.config.rootpath))
    if not rows:
        return
    TIMINGS_FILE.parent.mkdir(exist_ok=True)
    lines = ["notebook,seconds,budget_s,verdict"]
    lines += [
        f"{name},{seconds:.1f},{budget:.0f},{verdict}" for name, seconds, budget, verdict in rows
    ]
    TIMINGS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if any(verdict == "TOO SLOW" for *_, verdict in rows) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    rows = _rows(Path(config.rootpath))
    if not rows:
        return
    write = terminalreporter.write_line
    terminalreporter.section("seconds per notebook")
    write(f"{'notebook':<48} {'seconds':>8} {'budget':>7}  verdict")
    for name, seconds, budget, verdict in rows:
        write(f"{name:<48} {seconds:>8.1f} {budget:>7.0f}  {verdict}")
    total = sum(r[1] for r in rows)
    course_verdict = "ok" if total <= COURSE_BUDGET_S else "over budget"
    write(f"{'total':<48} {total:>8.1f} {COURSE_BUDGET_S:>7.0f}  {course_verdict}")
    for name, seconds, budget, verdict in rows:
        if verdict == "TOO SLOW":
            write(
                f"FAILED {name}: {seconds:.0f} s is more than {TOLERANCE:.0f}x its "
                f"{budget:.0f} s budget; make it faster (fewer epochs, a smaller model).",
                red=True,
            )
