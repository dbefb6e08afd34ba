"""The lock files: the Pythons the course supports, one set of versions for all of them, and
wheels for every platform the README names.

The first tests read the files only. The platform tests ask the package registry (through
uv, as `python -m tools.lock_platforms` does) and skip with the reason when it cannot be
reached; CI reaches it.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from tools import lock_platforms as lp

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = lp.supported_pythons()
# Every package has one version on all supported Pythons except these: overrides, a backport
# that 3.12 and later do without, and soupsieve (HTML selectors for nbconvert), whose 4.x
# needs Python 3.11.5 or newer, so 3.11.0-3.11.4 get 2.10 (the lock's markers say so).
MAY_DIFFER = {"overrides", "soupsieve"}


def test_supported_pythons_are_stated_alike_everywhere():
    assert PYTHONS, "requires-python in pyproject.toml admits no Python"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stated = re.search(r"^SUPPORTED_PYTHONS := (.+)$", makefile, re.MULTILINE).group(1).split()
    assert stated == PYTHONS, "Makefile's SUPPORTED_PYTHONS and pyproject's requires-python differ"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    classified = [
        c.rsplit(" ", 1)[1]
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert classified == PYTHONS, "the classifiers name other Pythons than requires-python"


def test_every_constraint_is_what_the_locks_pin():
    """constraints.txt is what keeps the Pythons on one version; the locks must follow it."""
    locked = {name: version for name, version, _ in lp.pins("requirements-torch.lock")}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            assert locked.get(name) == version, (
                f"constraints.txt pins {line}, the lock {locked.get(name)}"
            )


@pytest.mark.parametrize("lock", lp.LOCKS)
@pytest.mark.parametrize("platform", lp.PLATFORMS.values(), ids=lp.PLATFORMS.keys())
def test_every_supported_python_gets_the_same_versions(lock, platform):
    """Read from the lock's markers: a package pinned for several Pythons has one version."""
    first, *others = PYTHONS
    reference = lp.pins_for(lock, platform, first)
    for python in others:
        pinned = lp.pins_for(lock, platform, python)
        differ = {
            name: f"{reference[name]} on {first}, {version} on {python}"
            for name, version in pinned.items()
            if name in reference and reference[name] != version and name not in MAY_DIFFER
        }
        assert not differ, f"{lock} forks by Python (add a constraint, see the README): {differ}"
        assert set(reference) - set(pinned) <= MAY_DIFFER
        assert set(pinned) <= set(reference)


@cache
def registry_problem() -> str | None:
    """Why the platform tests cannot run here, or None when uv reaches the registry."""
    try:
        lp.check("requirements.lock", lp.PLATFORMS["Linux x86-64"], PYTHONS[0])
    except lp.RegistryUnreachable as error:
        return f"the package registry cannot be reached ({error})"
    except FileNotFoundError as error:
        return str(error)
    return None


@pytest.fixture
def registry():
    problem = registry_problem()
    if problem:
        pytest.skip(problem)


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("lock", lp.LOCKS)
@pytest.mark.parametrize("platform", lp.PLATFORMS.values(), ids=lp.PLATFORMS.keys())
def test_lock_installs_from_wheels(registry, lock, platform, python):
    result = lp.check(lock, platform, python)
    assert result.ok, f"{lock} on {platform}, Python {python}: {result.cell()}"
    # uv's plan has the versions the lock's markers give (what the test above compares).
    assert result.versions == lp.pins_for(lock, platform, python)


def test_intel_macs_do_not_resolve(registry):
    """The README says why Intel Macs are not supported; this says it is still true."""
    result = lp.check("requirements.lock", lp.UNSUPPORTED["macOS x86-64 (Intel)"], PYTHONS[-1])
    assert {"tensorflow", "jaxlib"} <= set(result.missing), (
        f"Intel Macs now lack only {result.missing}: the README's Platforms section needs an update"
    )
