"""helpers.datasets, offline, against temporary caches: present, missing, corrupted.

The mechanics are tested on a tiny dataset registered for the test; the real
loaders are tested by copying the course's own cache (filled by ``make data``)
into a temporary one, so nothing here touches the network or the real cache.
"""

import hashlib
import shutil
import urllib.error
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import datasets
from helpers.datasets import CorruptDataError, Dataset, MissingDataError

REAL_CACHE = datasets.data_dir()
TINY_CSV = b"x,y\n1,2\n3,4\n5,6\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty course cache in a temporary folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("COURSE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def offline(monkeypatch):
    def no_network(dataset, workdir):
        raise urllib.error.URLError("[Errno -2] Name or service not known")

    monkeypatch.setattr(datasets, "_download", no_network)


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """Register a three-row seaborn-style dataset and a mirror that holds it."""
    sha = hashlib.sha256(TINY_CSV).hexdigest()
    monkeypatch.setitem(
        datasets.DATASETS, "tiny", Dataset("tiny", "seaborn", "seaborn-data/tiny.csv", 17, sha)
    )
    mirror = tmp_path / "mirror"
    (mirror / "seaborn-data").mkdir(parents=True)
    (mirror / "seaborn-data" / "tiny.csv").write_bytes(TINY_CSV)
    return mirror


def test_data_dir_follows_course_data_dir(cache):
    assert datasets.data_dir() == cache.resolve()


def test_fetch_copies_from_a_mirror_and_the_loader_reads_it(cache, tiny, offline):
    outcome = datasets.fetch(["tiny"], mirror=tiny)
    assert outcome == {"tiny": f"copied from {tiny.resolve()}"}
    frame = datasets._load_seaborn("tiny")
    pd.testing.assert_frame_equal(frame, pd.DataFrame({"x": [1, 3, 5], "y": [2, 4, 6]}))


def test_fetch_leaves_a_good_file_alone(cache, tiny):
    datasets.fetch(["tiny"], mirror=tiny)
    cached = cache / "seaborn-data" / "tiny.csv"
    before = cached.stat()
    assert datasets.fetch(["tiny"], mirror=tiny) == {"tiny": "already cached"}
    after = cached.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_missing_file_offline_says_to_run_make_data(cache, tiny, offline):
    with pytest.raises(MissingDataError, match=r"tiny dataset is not in the data cache") as error:
        datasets._load_seaborn("tiny")
    assert "make data" in str(error.value)
    assert isinstance(error.value, FileNotFoundError)
    assert error.value.__cause__ is None  # the urllib traceback is not the message


def test_corrupted_file_is_refused_then_moved_aside_by_fetch(cache, tiny, offline):
    datasets.fetch(["tiny"], mirror=tiny)
    cached = cache / "seaborn-data" / "tiny.csv"
    cached.write_bytes(TINY_CSV[:9])  # truncated
    with pytest.raises(CorruptDataError, match="damaged or incomplete") as error:
        datasets._load_seaborn("tiny")
    assert "make data" in str(error.value)
    outcome = datasets.fetch(["tiny"], mirror=tiny)["tiny"]
    assert "damaged file was moved to tiny.csv.damaged-" in outcome
    kept = list(cached.parent.glob("tiny.csv.damaged-*"))
    assert [p.read_bytes() for p in kept] == [TINY_CSV[:9]]  # nothing lost
    assert cached.read_bytes() == TINY_CSV


def test_a_corrupted_mirror_file_never_enters_the_cache(cache, tiny):
    (tiny / "seaborn-data" / "tiny.csv").write_bytes(b"x,y\n1,2\n")
    with pytest.raises(CorruptDataError, match="does not match the expected checksum"):
        datasets.fetch(["tiny"], mirror=tiny)
    assert sorted(p.name for p in (cache / "seaborn-data").iterdir()) == []


def test_a_mirror_without_the_file_or_folder_is_reported(cache, tiny, tmp_path):
    (tiny / "seaborn-data" / "tiny.csv").unlink()
    with pytest.raises(MissingDataError, match="not in the mirror"):
        datasets.fetch(["tiny"], mirror=tiny)
    with pytest.raises(MissingDataError, match="is not a folder"):
        datasets.fetch(["tiny"], mirror=tmp_path / "nowhere")


def test_unknown_dataset_names_are_rejected():
    with pytest.raises(ValueError, match=r"Unknown dataset 'diamond'\. Known datasets: "):
        datasets.fetch(["diamond"])


def test_cache_status_reports_missing_ok_and_damaged(cache, tiny):
    assert datasets.cache_status().loc["tiny", "status"] == "missing"
    datasets.fetch(["tiny"], mirror=tiny)
    assert datasets.cache_status().loc["tiny", "status"] == "ok"
    (cache / "seaborn-data" / "tiny.csv").write_bytes(b"junk")
    assert datasets.cache_status().loc["tiny", "status"] == "damaged"


def test_command_line_fetch_and_status(cache, tiny, tmp_path, capsys):
    assert datasets.main(["fetch", "tiny", "--mirror", str(tiny)]) == 0
    assert "tiny" in capsys.readouterr().out
    assert datasets.main(["status"]) == 0
    assert datasets.main(["fetch", "tiny", "--mirror", str(tmp_path / "nowhere")]) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_load_california_housing_refuses_cache_arguments():
    with pytest.raises(ValueError, match="sets 'data_home' itself"):
        datasets.load_california_housing(data_home="/tmp")


# ----------------------------------------------- the real datasets, copied


def _real(name):
    source = REAL_CACHE / datasets.DATASETS[name].relpath
    if not source.exists():
        pytest.skip(f"{name} is not in the course cache; run `make data` first")
    return source


@pytest.fixture
def real_copy(cache):
    """Fetch real datasets from the course cache (used as a read-only mirror)."""

    def fetch(name):
        _real(name)
        datasets.fetch([name], mirror=REAL_CACHE)
        return cache / datasets.DATASETS[name].relpath

    return fetch


SHAPES = {
    "diamonds": (53940, 10),
    "flights": (144, 3),
    "iris": (150, 5),
    "mpg": (398, 9),
    "penguins": (344, 7),
    "seaice": (13175, 2),
    "tips": (244, 7),
    "titanic": (891, 15),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_seaborn_loaders_return_the_full_dataframe(real_copy, offline, name):
    real_copy(name)
    frame = datasets.LOADERS[name]()
    assert isinstance(frame, pd.DataFrame)
    assert frame.shape == SHAPES[name]


def test_california_housing_returns_scikit_learns_bunch_or_frame(real_copy, offline):
    real_copy("california_housing")
    bunch = datasets.load_california_housing()
    assert bunch.data.shape == (20640, 8)
    assert bunch.feature_names[0] == "MedInc"
    X, y = datasets.load_california_housing(as_frame=True, return_X_y=True)
    assert isinstance(X, pd.DataFrame)
    assert y.max() == pytest.approx(5.00001)


def test_mnist_returns_the_arrays_keras_returns(real_copy, offline):
    real_copy("mnist")
    (x_train, _), (x_test, y_test) = datasets.load_mnist()
    assert x_train.shape == (60000, 28, 28)
    assert x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8
    assert sorted(np.unique(y_test)) == list(range(10))


@pytest.mark.parametrize("name", ["mnist", "california_housing", "diamonds"])
def test_truncated_real_files_are_refused(real_copy, offline, name):
    path = real_copy(name)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptDataError, match=f"The cached {name} file"):
        datasets.LOADERS[name]()


def test_mnist_with_a_changed_pixel_is_refused(real_copy, offline):
    path = real_copy("mnist")
    with np.load(path) as npz:
        arrays = {key: npz[key] for key in npz.files}
    arrays["x_test"][0, 0, 0] += 1
    np.savez_compressed(path, **arrays)
    with pytest.raises(CorruptDataError, match="'x_test' has the wrong checksum"):
        datasets.load_mnist()


def test_loaders_cover_every_registered_dataset():
    assert set(datasets.LOADERS) == set(datasets.DATASETS)
    cached = [d for d in datasets.DATASETS.values() if d.kind != "packaged"]
    assert all(
        Path(d.relpath).parts[0] in {"seaborn-data", "scikit_learn_data", "mnist"} for d in cached
    )
    assert [d.name for d in datasets.DATASETS.values() if d.kind == "packaged"] == ["wordnet_nouns"]


def test_data_cards_list_every_checksum():
    cards = (Path(__file__).resolve().parents[1] / "data" / "README.md").read_text(encoding="utf-8")
    for dataset in datasets.DATASETS.values():
        checksums = (
            [dataset.file_sha256] if dataset.file_sha256 else [s for _, s in dataset.array_sha256]
        )
        for checksum in checksums:
            assert checksum in cards, f"data/README.md lacks the {dataset.name} checksum"


# ------------------------------------------- WordNet, shipped with the course

WORDNET = datasets.DATASETS["wordnet_nouns"]


@pytest.fixture
def wordnet_copy(tmp_path, monkeypatch):
    """A copy of the packaged files in a temporary helpers/data/ (the real one stays intact)."""
    folder = tmp_path / "package_data"
    folder.mkdir()
    shutil.copyfile(datasets.PACKAGE_DATA / WORDNET.relpath, folder / WORDNET.relpath)
    monkeypatch.setattr(datasets, "PACKAGE_DATA", folder)
    return folder / WORDNET.relpath


def test_wordnet_ships_with_the_package_and_needs_no_cache(cache, offline):
    wn = datasets.load_wordnet_definitions()  # the empty cache is not consulted
    assert wn.shape == (82115, 4)
    assert list(wn.columns) == ["category", "words", "definition", "gloss"]
    assert all(pd.api.types.is_string_dtype(wn[column]) for column in wn.columns)
    assert not wn.isna().any().any()
    assert (wn != "").all().all()
    counts = wn["category"].value_counts()
    assert len(counts) == 26
    assert (counts["artifact"], counts["person"], counts["Tops"], counts["motive"]) == (
        11587,
        11087,
        51,
        42,
    )
    assert (datasets.PACKAGE_DATA / "WORDNET_LICENSE").read_text().startswith("WordNet Release 3.0")


def test_wordnet_rows_are_read_as_written():
    wn = datasets.load_wordnet_definitions()
    dog = wn[wn["words"] == "dog; domestic dog; Canis familiaris"].iloc[0]
    assert dog["category"] == "animal"
    assert dog["definition"].startswith("a member of the genus Canis")
    assert dog["gloss"] == dog["definition"] + '; "the dog barked all night"'
    # A word that pandas would read as a missing value by default stays a word.
    assert wn.loc[wn["words"] == "nan", "definition"].tolist() == ["your grandmother"]
    assert wn.iloc[0].tolist()[:2] == ["Tops", "entity"]


def test_wordnet_is_listed_by_status_and_only_verified_by_fetch(cache, tiny, offline):
    status = datasets.cache_status().loc["wordnet_nouns"]
    assert (status["status"], status["file"]) == ("ok", "helpers/data/wordnet_nouns.csv.gz")
    assert datasets.fetch(["wordnet_nouns"], mirror=tiny) == {
        "wordnet_nouns": "ships with the course"
    }
    assert datasets.fetch(["wordnet_nouns"]) == {"wordnet_nouns": "ships with the course"}
    assert not cache.exists() or not any(cache.rglob("*wordnet*"))


def test_a_damaged_wordnet_copy_is_refused_with_what_to_do(wordnet_copy, offline):
    data = wordnet_copy.read_bytes()
    wordnet_copy.write_bytes(data[: len(data) // 2])
    expected = "git checkout helpers/data/wordnet_nouns.csv.gz"
    with pytest.raises(CorruptDataError, match="damaged or incomplete") as error:
        datasets.load_wordnet_definitions()
    assert expected in str(error.value)
    with pytest.raises(CorruptDataError, match=expected):
        datasets.fetch(["wordnet_nouns"])
    assert wordnet_copy.read_bytes() == data[: len(data) // 2]  # left where it is
    assert datasets.cache_status().loc["wordnet_nouns", "status"] == "damaged"


def test_a_missing_wordnet_file_is_reported_with_what_to_do(wordnet_copy, offline, capsys):
    wordnet_copy.unlink()
    with pytest.raises(MissingDataError, match=r"wordnet_nouns file .* is missing") as error:
        datasets.load_wordnet_definitions()
    assert "git checkout helpers/data/wordnet_nouns.csv.gz" in str(error.value)
    assert datasets.cache_status().loc["wordnet_nouns", "status"] == "missing"
    assert datasets.main(["fetch", "wordnet_nouns"]) == 1
    assert "git checkout" in capsys.readouterr().err
