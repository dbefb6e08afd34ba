"""Check that the lock files install from wheels on every platform the course names.

    python -m tools.lock_platforms              # both lock files: platform x Python table
    python -m tools.lock_platforms --pythons    # the supported Pythons, e.g. "3.11 3.12 3.13"

For each platform and each supported Python (from `requires-python` in pyproject.toml) it
asks uv to plan the install that `make setup` does, without installing anything:
`uv pip install --dry-run --python-platform P --python-version V --only-binary :all:
--no-deps -r <lock>`. That needs the package registry (its index pages, no wheel is
downloaded). A cell of the table reads "ok", or lists every package of the lock that has no
wheel for that platform and Python. macOS on Intel is checked too, as the platform the
course does not support. The exit code is 1 when a supported platform fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import Marker
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ("requirements.lock", "requirements-torch.lock")

# The platforms the README names, as uv spells them (`uv pip install --help`). Linux means
# glibc 2.28 or newer (manylinux_2_28: PyTorch's wheels need it, TensorFlow's need 2.27).
PLATFORMS = {
    "Linux x86-64": "x86_64-manylinux_2_28",
    "Linux aarch64": "aarch64-manylinux_2_28",
    "Windows x86-64": "x86_64-pc-windows-msvc",
    "macOS 14+ arm64": "aarch64-apple-darwin",
}
UNSUPPORTED = {"macOS x86-64 (Intel)": "x86_64-apple-darwin"}
# The oldest macOS checked: PyTorch's arm64 wheels are built for macOS 14 (uv assumes 13).
MACOS_VERSION = "14.0"

# The marker values of each platform, to read a lock file without asking the registry.
MARKER_ENVIRONMENTS = {
    "x86_64-manylinux_2_28": {"sys_platform": "linux", "platform_machine": "x86_64"},
    "aarch64-manylinux_2_28": {"sys_platform": "linux", "platform_machine": "aarch64"},
    "x86_64-pc-windows-msvc": {"sys_platform": "win32", "platform_machine": "AMD64"},
    "aarch64-apple-darwin": {"sys_platform": "darwin", "platform_machine": "arm64"},
    "x86_64-apple-darwin": {"sys_platform": "darwin", "platform_machine": "x86_64"},
}
_SYSTEMS = {"linux": ("Linux", "posix"), "win32": ("Windows", "nt"), "darwin": ("Darwin", "posix")}

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*(.*?))?\s*\\?$")
# uv names the package it cannot place: "Because jaxlib==0.10.2 has no wheels with a matching
# platform tag ...", "Because tensorflow{<its marker>}==2.21.0 has no ...".
NO_WHEEL = re.compile(
    r"[Bb]ecause (?:there is no version of )?([A-Za-z0-9][A-Za-z0-9._-]*)(?:\{[^}]*\})?=="
)


class RegistryUnreachable(RuntimeError):
    """uv could not reach the package registry (no network, a proxy, an outage)."""


@dataclass
class Result:
    platform: str
    python: str
    lock: str
    missing: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.missing

    def cell(self) -> str:
        return "ok" if self.ok else "no wheel: " + ", ".join(self.missing)


def supported_pythons() -> list[str]:
    """The Python minor versions that pyproject.toml's requires-python admits, e.g. 3.11-3.13."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = SpecifierSet(project["requires-python"])
    return [f"3.{minor}" for minor in range(8, 20) if f"3.{minor}.0" in spec]


def pins(lock: Path | str) -> list[tuple[str, str, str | None]]:
    """(name, version, marker or None) for every package a lock file pins."""
    rows = []
    for line in Path(ROOT / lock).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            rows.append(match.groups())
    return rows


def pins_for(lock: Path | str, platform: str, python: str) -> dict[str, str]:
    """The versions a lock file gives one platform and Python (read from its markers)."""
    sys_platform = MARKER_ENVIRONMENTS[platform]["sys_platform"]
    system, os_name = _SYSTEMS[sys_platform]
    environment = {
        **MARKER_ENVIRONMENTS[platform],
        "platform_system": system,
        "os_name": os_name,
        "python_version": python,
        "python_full_version": f"{python}.0" if python.count(".") == 1 else python,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }
    chosen: dict[str, str] = {}
    for name, version, marker in pins(lock):
        if marker and not Marker(marker).evaluate(environment):
            continue
        if name in chosen:
            raise ValueError(f"{lock} pins {name} twice for {platform}, Python {python}")
        chosen[name] = version
    return chosen


def uv() -> str:
    """uv from the environment this runs in (.venv has it), else from PATH."""
    beside = Path(sys.executable).with_name("uv")
    found = str(beside) if beside.exists() else shutil.which("uv")
    if not found:
        raise FileNotFoundError("uv not found: run make setup (the dev extra installs it)")
    return found


def _plan(requirements: list[str], platform: str, python: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "requirements.txt"
        listing.write_text("\n".join(requirements) + "\n", encoding="utf-8")
        command = [
            uv(), "pip", "install", "--dry-run", "--output-format", "json",
            "--python", sys.executable, "--target", str(Path(tmp) / "target"),
            "--python-platform", platform, "--python-version", python,
            "--only-binary", ":all:", "--no-deps", "-r", str(listing),
        ]  # fmt: skip
        environment = {**os.environ, "MACOSX_DEPLOYMENT_TARGET": MACOS_VERSION}
        return subprocess.run(
            command, capture_output=True, text=True, timeout=600, check=False, env=environment
        )


def check(lock: str, platform: str, python: str) -> Result:
    """Plan the install of `lock` for one platform and Python; name every package without a
    wheel there (uv stops at the first, so each is set aside in turn and the rest planned
    again)."""
    requirements: dict[str, list[str]] = {}  # a lock may pin one name per Python, by markers
    for name, version, marker in pins(lock):
        requirements.setdefault(name, []).append(
            f"{name}=={version}" + (f" ; {marker}" if marker else "")
        )
    result = Result(platform, python, lock)
    while True:
        done = _plan([line for lines in requirements.values() for line in lines], platform, python)
        if done.returncode == 0:
            changes = json.loads(done.stdout)["changes"]
            result.versions = {change["name"]: change["version"] for change in changes}
            return result
        if "No solution found" not in done.stderr:
            raise RegistryUnreachable(reason(done.stderr))
        match = NO_WHEEL.search(done.stderr)
        name = match.group(1).lower().replace("_", "-") if match else None
        if name not in requirements:  # unresolvable for another reason: say which
            result.missing.append(f"({reason(done.stderr)})")
            return result
        result.missing.append(name)
        del requirements[name]


def reason(stderr: str) -> str:
    """uv's own words for a failure: its error and cause lines, without warnings and hints."""
    lines = [line.strip() for line in stderr.splitlines()]
    kept = [line for line in lines if line.startswith(("error:", "cause:", "Caused by:", "╰─▶"))]
    return " ".join(kept or lines[-1:]) or "uv failed without a message"


def table(results: list[Result], pythons: list[str]) -> str:
    lines = [
        "| lock | platform | " + " | ".join(f"Python {p}" for p in pythons) + " |",
        "| --- | --- | " + " | ".join("---" for _ in pythons) + " |",
    ]
    labels = {**PLATFORMS, **UNSUPPORTED}
    for lock in dict.fromkeys(r.lock for r in results):
        for label, platform in labels.items():
            row = {r.python: r.cell() for r in results if r.lock == lock and r.platform == platform}
            if row:
                cells = " | ".join(row.get(p, "") for p in pythons)
                lines.append(f"| {lock} | {label} | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pythons", action="store_true", help="print the supported Pythons")
    parser.add_argument(
        "--lock", action="append", help="a lock file (default: both of the course's)"
    )
    parser.add_argument("--python", action="append", help="a Python version (default: supported)")
    args = parser.parse_args(argv)
    pythons = args.python or supported_pythons()
    if args.pythons:
        print(" ".join(pythons))
        return 0
    platforms = [*PLATFORMS.values(), *UNSUPPORTED.values()]
    cases = [
        (lock, p, python) for lock in args.lock or LOCKS for p in platforms for python in pythons
    ]
    try:
        # Each check waits on the registry more than on the CPU: a few at a time.
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda case: check(*case), cases))
    except RegistryUnreachable as error:
        print(f"Cannot reach the package registry: {error}", file=sys.stderr)
        return 2
    print(table(results, pythons))
    failed = [r for r in results if r.platform in PLATFORMS.values() and not r.ok]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
