"""tools.build_wordnet: the lexicographer-file parser on small hand-written files, the
table it writes, and, when WordNet's source archive is on this machine, the full build
against the committed table, byte for byte."""

import csv
import gzip
import hashlib
import io
import tarfile

import pytest

from helpers import datasets
from tools import build_wordnet as bw


def words_and_glosses(text):
    return [(s.words, s.gloss) for s in bw.parse_lexfile(text)]


# ------------------------------------------------------------------ the parser


def test_a_plain_synset_gives_its_words_in_order_and_its_gloss():
    text = "{ dog, domestic_dog, Canis_familiaris, canine,@ (a domesticated canid) }\n"
    assert words_and_glosses(text) == [
        (("dog", "domestic_dog", "Canis_familiaris"), "a domesticated canid")
    ]


def test_lexical_ids_are_not_part_of_the_word():
    text = "{ bank2, depository_financial_institution1, institution,@ (a financial firm) }"
    assert words_and_glosses(text)[0][0] == ("bank", "depository_financial_institution")


def test_word_pointer_groups_give_their_first_word_only():
    text = (
        "{ [ abstraction, verb.cognition:abstract,+ ] abstract_entity, entity,@ "
        "(a general concept) }\n"
        "{ [ natural_object, artifact,! ] whole,@ (an object occurring naturally) }\n"
        "{ [ bowdleriser, verb.change: bowdlerise,+ ] editor,@ (one who edits) }"
    )
    assert [words for words, _ in words_and_glosses(text)] == [
        ("abstraction", "abstract_entity"),
        ("natural_object",),
        ("bowdleriser",),
    ]


@pytest.mark.parametrize(
    "pointers",
    [
        "entity,@",  # hypernym
        "city,@i",  # instance hypernym
        "noun.group:people,#m",  # another file's synset, member holonym
        "noun.body: mamma,@",  # a space after the file name
        "organism1,#p",  # a lexical id on the target
        "adj.all:causative^causal,+",  # head^satellite target
        "adj.all:organic2^organic1,+",
        "noun.cognition:biology,;c noun.location:France,;r noun.communication:slang,;u",
        "noun.Tops:thing,-c",
    ],
)
def test_pointers_are_never_words(pointers):
    (words, gloss), *_ = words_and_glosses(f"{{ word, {pointers} (a gloss) }}")
    assert (words, gloss) == (("word",), "a gloss")


def test_pointers_written_without_spaces_before_the_gloss():
    # noun.person has this line; grind's tokenizer needs no spaces between tokens.
    text = "{ Land, Din_Land, inventor,@iindustrialist,@i(United States inventor (1909-1991)) }"
    assert words_and_glosses(text) == [(("Land", "Din_Land"), "United States inventor (1909-1991)")]


@pytest.mark.parametrize(
    ("written", "word"),
    [
        ('World_War_1",', "World_War_1"),  # a number that belongs to the word
        ('RU_486",', "RU_486"),  # the longest token wins over "RU_"
        ('4"WD1,', "4WD"),  # quote inside, lexical id 1 after
        ('20"/20",', "20/20"),
        ('1"st_Earl_Attlee,', "1st_Earl_Attlee"),
        ('Catch-22",', "Catch-22"),
        ('carbon-14",', "carbon-14"),
    ],
)
def test_numbers_marked_with_a_double_quote_stay_and_lose_the_quote(written, word):
    assert words_and_glosses(f"{{ {written} thing,@ (a gloss) }}")[0][0] == (word,)


def test_comments_outside_synsets_are_skipped_nested_and_over_lines():
    text = (
        "(Copyright (c) 1988-2006 by Princeton University)\n"
        "(noun.Tops)\n"
        "(  *** Changes to this file cannot be integrated with\n"
        "   the database (see the notes) ***)\n"
        "({ slope, surface,@ (any inclined surface) })\n"
        "{ matter, physical_entity,@ (that which has mass) } (==check this)\n"
        "  \n"
        "{ thing, entity,@ (a separate entity) } 123\n"
    )
    assert words_and_glosses(text) == [
        (("matter",), "that which has mass"),
        (("thing",), "a separate entity"),
    ]


def test_the_gloss_keeps_nested_parentheses_and_examples_and_is_trimmed():
    text = '{ cell, organism,#p ( (biology) the basic unit (as in monads); "a cell" ) }'
    assert words_and_glosses(text)[0][1] == '(biology) the basic unit (as in monads); "a cell"'


def test_case_and_the_m_marker_are_kept_as_grind_keeps_them():
    assert words_and_glosses("{ A, a(m), letter,@ (the 1st letter) }")[0][0] == ("A", "a")


def test_line_numbers_in_errors_count_comment_lines():
    text = "(a comment\nover two lines)\n{ ok, thing,@ (fine) }\n{ broken, thing,@ (no end }\n"
    with pytest.raises(bw.LexFileError, match=r"line 4: missing \"\)\""):
        bw.parse_lexfile(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{ thing,@ (a gloss) }", "without words"),
        ("{ word, thing,@ }", "without a gloss"),
        ("{ word, thing,@ (a gloss)\n}", "not closed on its line"),
        ("{ word, thing,@ (a gloss", "missing"),
        ("{ hot(p), thing,@ (a gloss) }", "does not belong in a noun synset"),
        ("{ word, thing,@ frames: 8 (a gloss) }", "does not belong in a noun synset"),
        ("{ [ word, other, thing,! ] thing,@ (a gloss) }", r"two words in one \[ \]"),
        ("{ [ word, thing,! thing,@ (a gloss) }", r"unbalanced \[ \]"),
        ("{ word, thing,@ % (a gloss) }", "unexpected '%' in a synset"),
        ("word, (a gloss)", "unexpected 'w' outside a synset"),
        ("(an open comment\n{ word, (a gloss) }", "comment is not closed"),
    ],
)
def test_what_does_not_follow_the_grammar_is_an_error(text, message):
    with pytest.raises(bw.LexFileError, match=message):
        bw.parse_lexfile(text)


@pytest.mark.parametrize(
    ("gloss", "definition"),
    [
        ("an entity that has physical existence", "an entity that has physical existence"),
        ('a tangible entity; "it was full of objects"', "a tangible entity"),
        ('a unit; "how big?"; "the team is a unit"', "a unit"),
        ('a complete extent or range: "a gamut of emotions"', "a complete extent or range"),
        ('quick or easy earnings, "out to make a fast buck"', "quick or easy earnings"),
        (
            'progress (especially in the phrase "make strides")',
            'progress (especially in the phrase "make strides")',
        ),
        (
            'promise of reward as in "carrot and stick"',
            'promise of reward as in "carrot and stick"',
        ),
        ("an aberrant sexual practice;", "an aberrant sexual practice"),
        ('"only an example"', ""),
    ],
)
def test_the_definition_is_the_gloss_without_its_examples(gloss, definition):
    assert bw.split_gloss(gloss) == definition


# ------------------------------------------------------------------- the table

ANIMAL = (
    "(noun.animal)\n"
    "{ dog, domestic_dog, Canis_familiaris, canine,@ (a domesticated canid; "
    '"the dog barked all night") }\n'
    '{ [ World_War_1", noun.event:war,@ ] Great_War, war,@ (a war) }\n'
)
TOPS = "{ entity, (that which is perceived or known) }\n"
LICENSE = "WordNet Release 3.0\n\nWordNet 3.0 Copyright 2006 by Princeton University.  \n"


def make_archive(path, files):
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode("ascii")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def archive(tmp_path):
    return make_archive(
        tmp_path / "wordnet.tar.gz",
        {
            "WordNet-3.0/COPYING": LICENSE,
            "WordNet-3.0/dict/dbfiles/noun.animal": ANIMAL,
            "WordNet-3.0/dict/dbfiles/noun.Tops": TOPS,
            "WordNet-3.0/dict/dbfiles/verb.body": "{ run, (move fast) }\n",
            "WordNet-3.0/dict/dbfiles/noun.animal.orig": "not a lexicographer file",
        },
    )


def read_table(data):
    return list(csv.DictReader(io.StringIO(gzip.decompress(data).decode("utf-8"))))


def test_build_writes_one_row_per_noun_synset_and_the_license(archive, tmp_path):
    counts, sha256 = bw.build(archive, tmp_path / "out", expected=3)
    data = (tmp_path / "out" / bw.TABLE).read_bytes()
    assert sha256 == hashlib.sha256(data).hexdigest()
    assert dict(counts) == {"Tops": 1, "animal": 2}
    assert read_table(data) == [
        {
            "category": "Tops",  # files in sorted order: upper case first
            "words": "entity",
            "definition": "that which is perceived or known",
            "gloss": "that which is perceived or known",
        },
        {
            "category": "animal",
            "words": "dog; domestic dog; Canis familiaris",
            "definition": "a domesticated canid",
            "gloss": 'a domesticated canid; "the dog barked all night"',
        },
        {
            "category": "animal",
            "words": "World War 1; Great War",
            "definition": "a war",
            "gloss": "a war",
        },
    ]
    # The license is copied unchanged, trailing spaces included.
    assert (tmp_path / "out" / bw.LICENSE).read_bytes() == LICENSE.encode("ascii")


def test_the_table_bytes_depend_on_the_rows_only(archive, tmp_path):
    first = bw.build(archive, tmp_path / "a", expected=3)[1]
    second = bw.build(archive, tmp_path / "b", expected=3)[1]
    assert first == second
    assert gzip.decompress((tmp_path / "a" / bw.TABLE).read_bytes()).startswith(
        b"category,words,definition,gloss\n"
    )


def test_a_synset_count_other_than_expected_is_refused(archive, tmp_path):
    with pytest.raises(bw.LexFileError, match=r"3 noun synsets parsed, WordNet 3\.0 has 82,115"):
        bw.build(archive, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_archive_without_noun_files_or_license_is_refused(tmp_path):
    no_nouns = make_archive(tmp_path / "a.tar.gz", {"WordNet-3.0/COPYING": LICENSE})
    with pytest.raises(bw.LexFileError, match=r"no WordNet-3\.0/dict/dbfiles/noun"):
        bw.read_archive(no_nouns)
    no_license = make_archive(tmp_path / "b.tar.gz", {"WordNet-3.0/dict/dbfiles/noun.Tops": TOPS})
    with pytest.raises(bw.LexFileError, match=r"no WordNet-3\.0/COPYING"):
        bw.read_archive(no_license)


def test_command_line_reports_a_missing_archive(tmp_path, capsys):
    assert bw.main([str(tmp_path / "nowhere.tar.gz"), "--out", str(tmp_path / "out")]) == 2
    assert "WordNet 3.0 source archive is not at" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_command_line_prints_counts_and_checksum(archive, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bw, "EXPECTED_SYNSETS", 3)
    assert bw.main([str(archive), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "animal               2" in out
    assert "total                3" in out
    assert hashlib.sha256((tmp_path / "out" / bw.TABLE).read_bytes()).hexdigest() in out


# -------------------------------------------------------- the real WordNet 3.0


@pytest.mark.skipif(
    not bw.DEFAULT_ARCHIVE.is_file(),
    reason=f"WordNet 3.0's source archive is not on this machine ({bw.DEFAULT_ARCHIVE})",
)
def test_the_real_build_reproduces_the_committed_table_byte_for_byte(tmp_path):
    counts, sha256 = bw.build(bw.DEFAULT_ARCHIVE, tmp_path)
    assert sum(counts.values()) == 82_115
    assert len(counts) == 26
    assert (counts["artifact"], counts["motive"], counts["Tops"]) == (11_587, 42, 51)
    committed = bw.OUT_DIR / bw.TABLE
    assert (tmp_path / bw.TABLE).read_bytes() == committed.read_bytes()
    assert sha256 == datasets.DATASETS["wordnet_nouns"].file_sha256
    assert (tmp_path / bw.LICENSE).read_bytes() == (bw.OUT_DIR / bw.LICENSE).read_bytes()
