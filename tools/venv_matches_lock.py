"""Does this environment hold exactly what the lock files give this Python and platform?

    .venv/bin/python -m tools.venv_matches_lock requirements.lock [requirements-torch.lock]

Exit 0 when every package the locks pin here is installed at that version and nothing else
is installed (besides pip and the course's own `helpers`); exit 1, naming the first
differences, otherwise. `make setup` asks this when a lock file changed: a lock that changed
only for other Pythons or platforms keeps the environment instead of rebuilding it.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import distributions

from packaging.markers import Marker
from packaging.utils import canonicalize_name

from tools.lock_platforms import pins

ALWAYS_ALLOWED = {"pip", "modeling-in-python"}


def differences(locks: list[str]) -> list[str]:
    """What differs between the installed packages and what the locks pin here."""
    wanted: dict[str, str] = {}
    for lock in locks:
        for name, version, marker in pins(lock):
            if not marker or Marker(marker).evaluate():
                wanted[canonicalize_name(name)] = version
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    found = []
    for name, version in sorted(wanted.items()):
        if installed.get(name) != version:
            found.append(f"{name}: locked {version}, installed {installed.get(name, 'none')}")
    for name in sorted(set(installed) - set(wanted) - ALWAYS_ALLOWED):
        found.append(f"{name} {installed[name]}: installed, not in the lock")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("locks", nargs="+", help="lock files, e.g. requirements.lock")
    found = differences(parser.parse_args(argv).locks)
    for line in found[:10]:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
