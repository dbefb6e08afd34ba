"""Where the exports live, shared by the export tests (a module, not conftest, so the
tests can import it by a name no other conftest.py shares)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
SHOTS = BUILD / "screenshots"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
GLOSSARY = ROOT / "notebooks" / "glossary.ipynb"
# Everything exported as a deck and a page: the chapters, then the glossary.
PAGES = [*NOTEBOOKS, GLOSSARY]


def built(path: Path) -> Path:
    """path, or a failure that says how to build it."""
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(ROOT)} is missing: run `make handouts slides html` first "
            "(`make test` does it for you)"
        )
    return path
