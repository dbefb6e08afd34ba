"""Build the course's WordNet table from the WordNet 3.0 source archive (maintainers only).

    python -m tools.build_wordnet [ARCHIVE]

ARCHIVE is WordNet 3.0's source release (``wordnet_3.0.orig.tar.gz``; by default
``../shared/datasets/wordnet/wordnet_3.0.orig.tar.gz`` beside the repository). The script
reads the lexicographer files ``WordNet-3.0/dict/dbfiles/noun.*`` straight from the
archive and writes

- ``helpers/data/wordnet_nouns.csv.gz``: one row per noun synset (82,115), columns
  ``category`` (the lexicographer file without ``noun.``), ``words`` (the synset's words
  in file order, joined with ``"; "``), ``definition`` (the gloss without its example
  sentences) and ``gloss`` (the whole gloss); gzip with a fixed time stamp and no file
  name, so a rebuild from the same archive gives the same bytes (the tests check it);
- ``helpers/data/WORDNET_LICENSE``: WordNet's license (``WordNet-3.0/COPYING``), which
  must travel with every copy.

It prints the rows per category and the SHA-256 of the table, which goes into
``helpers.datasets`` and the data card (``data/README.md``). Students never run it: the
table is committed and ``helpers.datasets.load_wordnet_definitions()`` reads it.

The parser follows WordNet's own lexicographer-file grammar (``wninput(5WN)``; the
tokenizer ``src/grind/wnlex.l`` and parser ``src/grind/wnparse.y`` in the same archive):
one synset per line, ``{ words pointers (gloss) }``; comments in parentheses outside
synsets (a whole synset can be commented out that way); a word is ``word[lex_id],`` or
``[ word[lex_id], pointers ]``, where ``lex_id`` is a number from 1 to 15 written right
after the word (``bank2``) and a number that belongs to the word is closed by a double
quote (``World_War_1",``; ``4"WD1,`` is the word 4WD with lex_id 1); pointers are
``[file:]word[lex_id][^word[lex_id]],symbol``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import re
import sys
import tarfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "datasets" / "wordnet" / "wordnet_3.0.orig.tar.gz"
OUT_DIR = ROOT / "helpers" / "data"
TABLE = "wordnet_nouns.csv.gz"
LICENSE = "WORDNET_LICENSE"
COLUMNS = ["category", "words", "definition", "gloss"]
LEXFILES = re.compile(r"WordNet-3\.0/dict/dbfiles/noun\.([A-Za-z]+)")
COPYING = "WordNet-3.0/COPYING"
# WordNet 3.0's noun synsets, as its wnstats(7WN) and the release's dict/log.grind.3.0 say.
EXPECTED_SYNSETS = 82_115

# Tokens inside a synset, as src/grind/wnlex.l defines them. Lex takes the longest match
# (the earlier rule on a tie), so the two forms of a word are separate patterns here:
# Python's "|" would stop at the first alternative that matches ("RU_" of "RU_486\"").
_TOKENS: list[tuple[str, re.Pattern[str]]] = [
    ("frames", re.compile(r"frames:")),
    ("close", re.compile(r"\}")),
    ("skip", re.compile(r"\(m\)")),
    # a word that ends in a letter or mark ...
    ("word", re.compile(r"[A-Z./a-z$_'-]?[a-z/.'$0-9A-Z_\"-]*[A-Z$/.'a-z_-]")),
    # ... or in a number closed by a double quote
    ("word", re.compile(r"[A-Z/.'a-z0-9$\"_-]*[0-9.]+\"")),
    ("file", re.compile(r"[A-Za-z.]+:")),
    ("pointer", re.compile(r",(?:[!*&~><^\\=$+]|@i?|#[msp]|%[msp]|;[cur]|-[cur])")),
    ("num", re.compile(r"[1-9][0-9]*")),
    ("open_group", re.compile(r"\[")),
    ("close_group", re.compile(r"\]")),
    ("comma", re.compile(r",")),
    ("caret", re.compile(r"\^")),
    ("marker", re.compile(r"\((?:p|a|ip)\)")),
    ("gloss", re.compile(r"\(")),
    ("space", re.compile(r"[ \t]+")),
]
# Which patterns can start with a given character (the rest start with "frames:", a word,
# a file name or a number): trying only those gives the same tokens with fewer tries.
_STARTS = {",": "pointer comma", "[": "open_group", "]": "close_group", "^": "caret", "}": "close"}
_STARTS |= {"(": "skip marker gloss", " ": "space", "\t": "space"}
_BY_FIRST = {
    char: [token for token in _TOKENS if token[0] in kinds.split()]
    for char, kinds in _STARTS.items()
}
_OTHERS = [token for token in _TOKENS if token[0] in {"frames", "word", "file", "num"}]


_PARENS = re.compile(r"[()\n]")


class LexFileError(ValueError):
    """A lexicographer file does not follow the grammar."""


@dataclass(frozen=True)
class Synset:
    """One noun synset: its words (as written, markers removed) and its gloss."""

    words: tuple[str, ...]
    gloss: str
    line: int


def _tokens(text: str, pos: int, line: int) -> Iterator[tuple[str, str, int]]:
    """Yield (kind, text, end) for the tokens of the synset that starts at ``pos``."""
    while pos < len(text):
        best: tuple[int, str] | None = None
        for kind, pattern in _BY_FIRST.get(text[pos], _OTHERS):
            match = pattern.match(text, pos)
            if match and (best is None or match.end() > best[0]):
                best = (match.end(), kind)
        if best is None:
            if text[pos] == "\n":
                raise LexFileError(f"line {line}: the synset is not closed on its line")
            raise LexFileError(f"line {line}: unexpected {text[pos]!r} in a synset")
        end, kind = best
        if kind == "gloss":  # the gloss runs to the matching parenthesis, on this line
            depth = 1
            for paren in _PARENS.finditer(text, pos + 1):
                if paren.group() == "\n":
                    break
                depth += 1 if paren.group() == "(" else -1
                if not depth:
                    end = paren.end()
                    break
            if depth:
                raise LexFileError(f'line {line}: missing ")" at the end of the gloss')
            yield kind, text[pos + 1 : end - 1], end
        else:
            yield kind, text[pos:end], end
        if kind == "close":
            return
        pos = end
    raise LexFileError(f"line {line}: the synset is not closed")


def _synset(text: str, pos: int, line: int) -> tuple[Synset, int]:
    """Parse the synset whose ``{`` is at ``pos - 1``; return it and the end position."""
    tokens = list(_tokens(text, pos, line))
    kinds = [kind for kind, _, _ in tokens if kind not in {"space", "skip"}]
    values = [value for kind, value, _ in tokens if kind not in {"space", "skip"}]
    words: list[str] = []
    gloss: str | None = None
    depth = 0
    for i, kind in enumerate(kinds):
        if kind == "open_group":
            depth += 1
        elif kind == "close_group":
            depth -= 1
        elif kind == "gloss":
            gloss = values[i]
        elif kind in {"frames", "marker"}:
            raise LexFileError(f"line {line}: {values[i]!r} does not belong in a noun synset")
        elif kind == "word":
            # A synset's word is followed (after an optional lex_id) by a plain comma;
            # a pointer's word by a pointer symbol or "^".
            after = kinds[i + 1 : i + 3]
            is_word = after[:1] == ["comma"] or after == ["num", "comma"]
            follows_file = i > 0 and kinds[i - 1] == "file"
            if is_word and not follows_file:
                if depth == 1 and kinds[i - 1] != "open_group":
                    raise LexFileError(f"line {line}: two words in one [ ] group")
                words.append(values[i].replace('"', ""))
    if depth != 0:
        raise LexFileError(f"line {line}: unbalanced [ ] in a synset")
    if not words:
        raise LexFileError(f"line {line}: a synset without words")
    if gloss is None:
        raise LexFileError(f"line {line}: a synset without a gloss")
    return Synset(tuple(words), gloss.strip(), line), tokens[-1][2]


def parse_lexfile(text: str) -> list[Synset]:
    """Every synset of a noun lexicographer file, in file order.

    Outside synsets only white space, comments in parentheses (nested, possibly over
    several lines) and synset keys (digits) may appear, as in ``wnlex.l``.
    """
    synsets: list[Synset] = []
    pos, line, depth = 0, 1, 0
    while pos < len(text):
        char = text[pos]
        if char == "\n":
            line += 1
        if depth:  # inside a comment
            depth += {"(": 1, ")": -1}.get(char, 0)
            pos += 1
        elif char == "(":
            depth, pos = 1, pos + 1
        elif char == "{":
            synset, pos = _synset(text, pos + 1, line)
            synsets.append(synset)
        elif char in " \t\n\f" or char.isdigit():
            pos += 1
        else:
            raise LexFileError(f"line {line}: unexpected {char!r} outside a synset")
    if depth:
        raise LexFileError("a comment is not closed at the end of the file")
    return synsets


def clean_word(word: str) -> str:
    """A synset word as the table writes it: underscores as spaces (quotes already gone)."""
    return word.replace("_", " ")


def split_gloss(gloss: str) -> str:
    """The definition: the gloss up to its first example sentence.

    An example is a quoted sentence after the definition, almost always introduced by
    ``; "`` (a few by ``: "`` or ``, "``). Quotes inside parentheses are part of the
    definition (``(usually expressed as "on behalf of")``), and so is a quoted phrase not
    introduced by punctuation (``in the phrase "make strides"``). A gloss that is only an
    example gives an empty definition.
    """
    depth = 0
    for i, char in enumerate(gloss):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == '"' and depth == 0:
            before = gloss[:i].rstrip()
            if not before or before[-1] in ";:,":
                return before.rstrip(";:,").strip()
    return gloss.strip().rstrip(";").strip()


def rows(lexfiles: Iterable[tuple[str, str]]) -> Iterator[dict[str, str]]:
    """Table rows from (category, file text) pairs, in the order given."""
    for category, text in lexfiles:
        for synset in parse_lexfile(text):
            yield {
                "category": category,
                "words": "; ".join(clean_word(w) for w in synset.words),
                "definition": split_gloss(synset.gloss),
                "gloss": synset.gloss,
            }


def read_archive(archive: Path) -> tuple[list[tuple[str, str]], str]:
    """The noun lexicographer files (category, text), sorted by name, and the license."""
    files: dict[str, str] = {}
    license_text = None
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            match = LEXFILES.fullmatch(member.name)
            if not member.isfile() or not (match or member.name == COPYING):
                continue
            handle = tar.extractfile(member)
            assert handle is not None
            text = handle.read().decode("ascii")  # the files are plain ASCII
            if match:
                files[match.group(1)] = text
            else:
                license_text = text
    if not files:
        raise LexFileError(f"{archive} holds no WordNet-3.0/dict/dbfiles/noun.* files")
    if license_text is None:
        raise LexFileError(f"{archive} holds no {COPYING}")
    return sorted(files.items()), license_text


def to_csv_gz(table: Iterable[dict[str, str]]) -> bytes:
    """The table as gzip-compressed CSV, byte for byte the same for the same rows."""
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    raw = io.BytesIO()
    # A fixed time stamp and no file name in the header: the bytes depend on the rows only.
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return raw.getvalue()


def build(
    archive: Path, out_dir: Path, expected: int | None = EXPECTED_SYNSETS
) -> tuple[Counter[str], str]:
    """Write the table and the license into ``out_dir``; return rows per category and sha256.

    ``expected`` is the number of noun synsets the archive must give (None: any number).
    """
    lexfiles, license_text = read_archive(archive)
    table = list(rows(lexfiles))
    counts = Counter(row["category"] for row in table)
    if expected is not None and len(table) != expected:
        raise LexFileError(
            f"{len(table):,} noun synsets parsed, WordNet 3.0 has {expected:,}: "
            "the archive or the parser is not what this script expects"
        )
    data = to_csv_gz(table)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / TABLE).write_bytes(data)
    (out_dir / LICENSE).write_text(license_text, encoding="ascii", newline="")
    return counts, hashlib.sha256(data).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.build_wordnet", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "archive", nargs="?", type=Path, default=DEFAULT_ARCHIVE, help="WordNet 3.0 source archive"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    if not args.archive.is_file():
        print(
            f"The WordNet 3.0 source archive is not at {args.archive}. Pass its path: "
            "python -m tools.build_wordnet <wordnet_3.0.orig.tar.gz>",
            file=sys.stderr,
        )
        return 2
    counts, sha256 = build(args.archive, args.out, EXPECTED_SYNSETS)
    for category, count in sorted(counts.items()):
        print(f"{category:<15} {count:>6,}")
    print(f"{'total':<15} {sum(counts.values()):>6,}")
    table = args.out / TABLE
    print(f"{table}: {table.stat().st_size:,} bytes, sha256 {sha256}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
