"""Dataset loaders backed by the course's checksum-verified data cache.

One loader per dataset in the syllabus. Each returns what the canonical loader
returns (``seaborn.load_dataset``, ``sklearn.datasets.fetch_california_housing``,
``keras.datasets.mnist.load_data``) and uses it underneath where it can, but reads
from the course data cache and verifies a checksum first, so a notebook never
trains on a truncated or damaged file.

One dataset ships with the course instead of being downloaded: WordNet 3.0's noun
definitions (``load_wordnet_definitions``), a table in ``helpers/data/`` built once from
WordNet's source release by ``tools/build_wordnet.py``. It is checked the same way;
``fetch`` has nothing to download for it and only verifies it.

The cache is ``data/`` at the top of the course (override it with the
``COURSE_DATA_DIR`` environment variable). ``make data`` fills it, either by
downloading from the canonical sources or, offline, by copying from a local
mirror (``make data DATA_MIRROR=<dir>``). From the command line::

    python -m helpers fetch [--mirror DIR] [NAME ...]
    python -m helpers status

Introduced in chapter 00; every chapter loads its data through this module.

Examples
--------
>>> from helpers.datasets import load_penguins
>>> penguins = load_penguins()  # doctest: +SKIP
>>> penguins.shape  # doctest: +SKIP
(344, 7)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "DATASETS",
    "CorruptDataError",
    "DataCacheError",
    "MissingDataError",
    "cache_status",
    "data_dir",
    "fetch",
    "load_california_housing",
    "load_diamonds",
    "load_flights",
    "load_iris",
    "load_mnist",
    "load_mpg",
    "load_penguins",
    "load_seaice",
    "load_tips",
    "load_titanic",
    "load_wordnet_definitions",
]

MAKE_DATA_HINT = (
    "Run `make data` from the top of the course to fill the data cache "
    "(offline: `make data DATA_MIRROR=<folder with a copy of the datasets>`)."
)


class DataCacheError(RuntimeError):
    """Base class for problems with the course data cache."""


class MissingDataError(DataCacheError, FileNotFoundError):
    """A dataset is not in the cache and could not be fetched."""


class CorruptDataError(DataCacheError, ValueError):
    """A cached file does not match its expected checksum."""


@dataclass(frozen=True)
class Dataset:
    """Where a dataset lives in the cache and how to check it.

    ``file_sha256`` checks the file's bytes (files that are byte-identical to the
    canonical download, and the files that ship with the course). ``array_sha256``
    checks the arrays inside the file instead: the sha256 of ``array.tobytes()``
    (C order) for each named array, used where equal data can be stored as different
    bytes (compressed caches).
    """

    name: str
    kind: str  # "seaborn", "sklearn", "keras", or "packaged" (ships in helpers/data/)
    relpath: str
    size_bytes: int
    file_sha256: str | None = None
    array_sha256: tuple[tuple[str, str], ...] = ()


def _seaborn(name: str, sha256: str, size: int) -> Dataset:
    return Dataset(name, "seaborn", f"seaborn-data/{name}.csv", size, file_sha256=sha256)


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in [
        _seaborn(
            "diamonds", "9574730b03aba241d899c4a97511c5061b19358fab89510774fb6c24168345c4", 2772143
        ),
        _seaborn(
            "flights", "237d834127d9c6355630d8f443a7a2377b5925923010009b59809ba0b67f4fac", 2350
        ),
        _seaborn("iris", "9cc1c345c71bcc9b486b74cbf6063fa66f4bb5e0f603a4b3c3471ec2e5e8e355", 3858),
        _seaborn("mpg", "c14b8b855ea7ee86cb9736bf8caaf281c4685ca08826f3eb2acaccaaf40f0d5a", 21222),
        _seaborn(
            "penguins", "e07636bd8af74260099ea2f8678e2eabbf35def579940cc76f67061ee16c06c1", 13478
        ),
        _seaborn(
            "seaice", "a6ea8fad59199919f3ab3ece99b46dc7484e58824f30af2924316205b411e509", 231046
        ),
        _seaborn("tips", "e54cc4d2ce1bff65d32ca60b3e4b802e06bde1d7e7caf6f796f6bf7370e863b0", 9729),
        _seaborn(
            "titanic", "81787d320d7f7b03df935e91de8bd19e11d45c5bbcab86ef4d4a76dc91b7d4f2", 57018
        ),
        Dataset(
            "california_housing",
            "sklearn",
            "scikit_learn_data/cal_housing_py3.pkz",
            496707,
            # The pkz is a compressed pickle whose bytes depend on the library versions
            # that wrote it, so the 20,640 x 9 array inside is checked instead.
            array_sha256=(
                ("cal_housing", "898f39f9b96274ded9a9f5a3b1b9f1dc032ab86955ac0f86b1c17330ba30cb25"),
            ),
        ),
        Dataset(
            "mnist",
            "keras",
            "mnist/mnist.npz",
            11490519,
            array_sha256=(
                ("x_train", "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757"),
                ("y_train", "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13"),
                ("x_test", "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161"),
                ("y_test", "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5"),
            ),
        ),
        Dataset(
            "wordnet_nouns",
            "packaged",
            "wordnet_nouns.csv.gz",
            3189357,
            # Built by tools/build_wordnet.py (gzip with a fixed time stamp); the tests
            # rebuild it from the WordNet 3.0 archive and compare the bytes.
            file_sha256="51edf535ae6dbb922d4313ba23ab3bc9f5afee1595c0c6a8badc4486496cb820",
        ),
    ]
}

PACKAGE_DATA = Path(__file__).resolve().parent / "data"


# --------------------------------------------------------------------------- cache


def data_dir() -> Path:
    """Return the course data cache: ``$COURSE_DATA_DIR`` or ``data/`` in the course."""
    override = os.environ.get("COURSE_DATA_DIR")
    if override:
        return Path(override).expanduser().resolve()
    return Path(__file__).resolve().parents[1] / "data"


def _dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        known = ", ".join(sorted(DATASETS))
        raise ValueError(f"Unknown dataset {name!r}. Known datasets: {known}.") from None


def _cache_path(dataset: Dataset) -> Path:
    """Where the dataset's file is: the data cache, or helpers/data/ for packaged files."""
    if dataset.kind == "packaged":
        return PACKAGE_DATA / dataset.relpath
    return data_dir() / dataset.relpath


def _shown_path(dataset: Dataset) -> str:
    """The file as ``cache_status`` shows it: relative to the cache, or helpers/data/..."""
    if dataset.kind == "packaged":
        return f"helpers/data/{dataset.relpath}"
    return dataset.relpath


def _restore_hint(dataset: Dataset) -> str:
    """What to do about a missing or damaged packaged file."""
    return (
        f"It ships with the course: restore it with `git checkout {_shown_path(dataset)}` "
        "from the top of the course (or reinstall the course)."
    )


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sha256_array(array: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def _read_arrays(dataset: Dataset, path: Path) -> dict[str, np.ndarray]:
    """Read the arrays a cache file holds (for array-checked datasets)."""
    if dataset.kind == "keras":
        with np.load(path, allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    import joblib

    return {"cal_housing": np.asarray(joblib.load(path))}


def _corrupt(dataset: Dataset, path: Path, reason: str) -> CorruptDataError:
    if dataset.kind == "packaged":
        return CorruptDataError(
            f"The {dataset.name} file {path} is damaged or incomplete ({reason}), "
            f"so it was not loaded. {_restore_hint(dataset)}"
        )
    return CorruptDataError(
        f"The cached {dataset.name} file {path} is damaged or incomplete ({reason}), "
        "so it was not loaded. Run `make data` to fetch a fresh copy "
        "(the damaged file is moved aside, not deleted)."
    )


def _missing_packaged(dataset: Dataset, path: Path) -> MissingDataError:
    return MissingDataError(f"The {dataset.name} file {path} is missing. {_restore_hint(dataset)}")


def _verify(dataset: Dataset, path: Path) -> dict[str, np.ndarray] | None:
    """Check ``path`` against the dataset's checksums; return its arrays if it has any."""
    if dataset.file_sha256 is not None:
        actual = _sha256_file(path)
        if actual != dataset.file_sha256:
            size = path.stat().st_size
            raise _corrupt(
                dataset,
                path,
                f"sha256 {actual[:12]}... instead of {dataset.file_sha256[:12]}..., "
                f"{size:,} bytes instead of {dataset.size_bytes:,}",
            )
        return None
    try:
        arrays = _read_arrays(dataset, path)
    except Exception as error:  # any reader error means the file cannot be trusted
        raise _corrupt(dataset, path, f"it cannot be read: {type(error).__name__}") from error
    for key, expected in dataset.array_sha256:
        if key not in arrays:
            raise _corrupt(dataset, path, f"the array {key!r} is missing")
        if _sha256_array(arrays[key]) != expected:
            raise _corrupt(dataset, path, f"the array {key!r} has the wrong checksum")
    return arrays


def _require(name: str) -> tuple[Dataset, Path, dict[str, np.ndarray] | None]:
    """Make sure the dataset is cached and intact, fetching it if it is missing."""
    dataset = _dataset(name)
    path = _cache_path(dataset)
    if not path.exists():
        fetch([name])
    return dataset, path, _verify(dataset, path)


# ------------------------------------------------------------------ fetching


def _download(dataset: Dataset, workdir: Path) -> Path:
    """Download ``dataset`` with its canonical loader into ``workdir``; return the file."""
    if dataset.kind == "seaborn":
        import seaborn as sns

        sns.load_dataset(dataset.name, data_home=str(workdir))
        return workdir / Path(dataset.relpath).name
    if dataset.kind == "sklearn":
        from sklearn.datasets import fetch_california_housing

        fetch_california_housing(data_home=str(workdir), download_if_missing=True)
        return workdir / Path(dataset.relpath).name
    # Keras downloads to its own cache (~/.keras) and checks the file's hash there;
    # the verified arrays are then stored in the course cache under the same keys.
    import keras

    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    target = workdir / Path(dataset.relpath).name
    np.savez_compressed(target, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return target


def _fetch_one(dataset: Dataset, mirror: Path | None) -> str:
    path = _cache_path(dataset)
    if dataset.kind == "packaged":  # nothing to download: it only has to be there and intact
        if not path.exists():
            raise _missing_packaged(dataset, path)
        _verify(dataset, path)
        return "ships with the course"
    note = ""
    if path.exists():
        try:
            _verify(dataset, path)
            return "already cached"
        except CorruptDataError:
            aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            path.rename(aside)
            note = f" (the damaged file was moved to {aside.name})"
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".fetch-") as tmp:
        workdir = Path(tmp)
        if mirror is not None:
            source = mirror / dataset.relpath
            if not source.is_file():
                raise MissingDataError(
                    f"The {dataset.name} dataset is not in the mirror {mirror} "
                    f"(expected {source}). Check DATA_MIRROR, or run `make data` "
                    "without it on a machine with internet access."
                )
            candidate = workdir / path.name
            shutil.copyfile(source, candidate)
            how = f"copied from {mirror}"
        else:
            try:
                candidate = _download(dataset, workdir)
            except Exception as error:
                raise MissingDataError(
                    f"The {dataset.name} dataset is not in the data cache ({path}) and "
                    f"could not be downloaded ({type(error).__name__}: {error}). " + MAKE_DATA_HINT
                ) from None
            how = "downloaded"
        try:
            _verify(dataset, candidate)
        except CorruptDataError as error:
            raise CorruptDataError(
                f"The {dataset.name} file {how} does not match the expected checksum, "
                f"so it was not put in the cache. {error}"
            ) from None
        os.replace(candidate, path)
    return how + note


def fetch(names: Iterable[str] | None = None, mirror: str | Path | None = None) -> dict[str, str]:
    """Fill the data cache and return what was done for each dataset.

    Parameters
    ----------
    names : iterable of str, optional
        Datasets to fetch (keys of ``DATASETS``); all of them by default.
    mirror : path, optional
        A folder laid out like the cache (``seaborn-data/``, ``scikit_learn_data/``,
        ``mnist/``) to copy from instead of downloading.

    A file already cached and intact is left alone. A damaged one is moved aside
    (never deleted) and replaced. Every new file is verified before it enters the
    cache, and it enters it by an atomic rename, so an interrupted fetch leaves
    nothing half-written behind. A dataset that ships with the course is only
    verified; a missing or damaged one raises an error that says how to restore it.
    """
    selected = [_dataset(n) for n in (names if names is not None else DATASETS)]
    mirror_path = Path(mirror).expanduser().resolve() if mirror else None
    if mirror_path is not None and not mirror_path.is_dir():
        raise MissingDataError(f"The data mirror {mirror_path} is not a folder.")
    return {dataset.name: _fetch_one(dataset, mirror_path) for dataset in selected}


def cache_status() -> pd.DataFrame:
    """Return a table of every dataset: cache file, size and whether it verifies."""
    rows = []
    for dataset in DATASETS.values():
        path = _cache_path(dataset)
        if not path.exists():
            status = "missing"
        else:
            try:
                _verify(dataset, path)
                status = "ok"
            except CorruptDataError:
                status = "damaged"
        size_mb = path.stat().st_size / 1e6 if path.exists() else float("nan")
        rows.append(
            {
                "dataset": dataset.name,
                "status": status,
                "size_MB": round(size_mb, 2),
                "file": _shown_path(dataset),
            }
        )
    return pd.DataFrame(rows).set_index("dataset")


# -------------------------------------------------------------------- loaders


def _load_seaborn(name: str) -> pd.DataFrame:
    import seaborn as sns

    _, path, _ = _require(name)
    return sns.load_dataset(name, data_home=str(path.parent))


def load_diamonds() -> pd.DataFrame:
    """Diamonds: 53,940 diamonds, price (USD) and 9 attributes (seaborn)."""
    return _load_seaborn("diamonds")


def load_flights() -> pd.DataFrame:
    """Flights: monthly airline passengers 1949-1960, 144 rows (seaborn)."""
    return _load_seaborn("flights")


def load_iris() -> pd.DataFrame:
    """Iris: 150 flowers, 4 measurements (cm) and the species (seaborn)."""
    return _load_seaborn("iris")


def load_mpg() -> pd.DataFrame:
    """Auto MPG: 398 cars, fuel economy and 8 attributes (seaborn)."""
    return _load_seaborn("mpg")


def load_penguins() -> pd.DataFrame:
    """Palmer penguins: 344 penguins, species, island and body measurements (seaborn)."""
    return _load_seaborn("penguins")


def load_seaice() -> pd.DataFrame:
    """Sea ice: daily northern-hemisphere sea-ice extent (million km²) since 1980 (seaborn)."""
    return _load_seaborn("seaice")


def load_tips() -> pd.DataFrame:
    """Tips: 244 restaurant bills with tip, day, time and party size (seaborn)."""
    return _load_seaborn("tips")


def load_titanic() -> pd.DataFrame:
    """Titanic: 891 passengers, survival and 14 attributes (seaborn)."""
    return _load_seaborn("titanic")


def load_california_housing(**kwargs: Any) -> Any:
    """California housing, 20,640 districts (scikit-learn), from the verified cache.

    Keyword arguments go to :func:`sklearn.datasets.fetch_california_housing`
    (``as_frame=True``, ``return_X_y=True``, ...); ``data_home`` and
    ``download_if_missing`` are set by the cache. The target is the median house
    value in units of 100,000 USD, capped at 5.0.
    """
    from sklearn.datasets import fetch_california_housing

    for reserved in ("data_home", "download_if_missing"):
        if reserved in kwargs:
            raise ValueError(f"load_california_housing sets {reserved!r} itself; leave it out.")
    _, path, _ = _require("california_housing")
    return fetch_california_housing(data_home=str(path.parent), download_if_missing=False, **kwargs)


def load_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """MNIST digits, as ``keras.datasets.mnist.load_data()`` returns them.

    Returns ``((x_train, y_train), (x_test, y_test))``: 60,000 training and 10,000
    test images, uint8 arrays of shape (n, 28, 28), labels 0-9. The arrays are
    checked against the checksums of Keras' official file.
    """
    _, _, arrays = _require("mnist")
    assert arrays is not None
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def load_wordnet_definitions() -> pd.DataFrame:
    """WordNet 3.0 noun definitions: 82,115 noun synsets in 26 categories.

    Returns a DataFrame with one row per noun synset, in WordNet's file order, and four
    string columns:

    - ``category``: the lexicographer file without ``noun.`` (``"animal"``, ``"food"``,
      ``"person"``, ...; ``"Tops"``, 51 rows, and ``"motive"``, 42, are the smallest);
    - ``words``: the synset's words, underscores as spaces, joined with ``"; "``
      (``"dog; domestic dog; Canis familiaris"``);
    - ``definition``: the gloss without its example sentences;
    - ``gloss``: the whole gloss, examples included.

    The table ships with the course (``helpers/data/wordnet_nouns.csv.gz``, built by
    ``tools/build_wordnet.py`` from the WordNet 3.0 source release) and needs no
    network; its checksum is verified first. WordNet 3.0 Copyright 2006 by Princeton
    University; its license is in ``helpers/data/WORDNET_LICENSE``.
    """
    _, path, _ = _require("wordnet_nouns")
    # keep_default_na=False: the synset whose only word is "nan" (a grandmother) is a word,
    # not a missing value.
    return pd.read_csv(path, compression="gzip", dtype=str, keep_default_na=False, encoding="utf-8")


LOADERS: dict[str, Callable[[], Any]] = {
    "diamonds": load_diamonds,
    "flights": load_flights,
    "iris": load_iris,
    "mpg": load_mpg,
    "penguins": load_penguins,
    "seaice": load_seaice,
    "tips": load_tips,
    "titanic": load_titanic,
    "california_housing": load_california_housing,
    "mnist": load_mnist,
    "wordnet_nouns": load_wordnet_definitions,
}


# ------------------------------------------------------------------------ CLI


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``fetch`` fills the cache, ``status`` reports it."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    fetch_cmd = commands.add_parser("fetch", help="fill the data cache, verifying checksums")
    fetch_cmd.add_argument("names", nargs="*", help="datasets to fetch (default: all)")
    fetch_cmd.add_argument("--mirror", help="copy from this local mirror instead of downloading")
    commands.add_parser("status", help="show what is cached and whether it verifies")
    args = parser.parse_args(argv)

    print(f"Data cache: {data_dir()}")
    if args.command == "status":
        print(cache_status().to_string())
        return 0
    failures = 0
    for name in args.names or list(DATASETS):
        try:
            outcome = fetch([name], mirror=args.mirror)[name]
            print(f"  {name:<20} {outcome}")
        except (DataCacheError, ValueError) as error:
            failures += 1
            print(f"  {name:<20} FAILED: {error}", file=sys.stderr)
    if failures:
        print(f"{failures} dataset(s) could not be fetched.", file=sys.stderr)
        return 1
    print("All datasets are cached and verified.")
    return 0
