"""scan.PatternSet gives exactly finditer's matches, found by trying far fewer places."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from quizapp.assistant import cues, figures
from quizapp.assistant.scan import PatternSet, heads_of

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
PATTERNS = [
    *(p.regex for p in figures.WORD_PATTERNS),
    *(p for p, _why in cues.VAGUE_PATTERNS),
    cues._ACCORDING,
    cues._LINK,
    cues._DONE_BY,
    cues._DEFINITE_SOURCE,
    cues._PRONOUN_SAID,
    cues._DOCUMENT,
    cues.SPEECH_VERB,
    cues.WEAK_SOURCE,
    cues._SAYING,
]
SCAN = PatternSet(PATTERNS)


def spans(found: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def assert_as_finditer(scan: PatternSet, text: str, pos: int = 0, end: int | None = None) -> int:
    """``scan`` finds what each pattern's finditer finds; the number of matches."""
    stop = len(text) if end is None else end
    found = scan.matches(text, pos, end)
    for pattern, got in zip(scan.patterns, found, strict=True):
        assert spans(got) == spans(list(pattern.finditer(text, pos, stop))), (pattern.pattern, text)
    return sum(map(len, found))


# Words of the seeds and of the patterns' first words, glued, split, upper-cased, with
# characters a caseless match takes for others (long s, Kelvin sign, dotted I, Cyrillic ve
# variant) and non-word characters between them.
ODD = ["ſ", "\u212a", "İ", "ı", "\u1c80", "Ё", "ـ", "٫", "%", "٪", "-", "'", "’", "\u00a0", "٣"]


def generated(count: int) -> list[str]:
    rnd = random.Random(15)
    vocabulary: set[str] = set()
    for path in SEEDS:
        vocabulary |= set(re.findall(r"\w+|\W", path.read_text(encoding="utf-8")))
    for pattern in PATTERNS:
        h = heads_of(pattern)
        vocabulary |= h.exact | h.prefixes | h.suffixes | h.inner
    words = sorted(vocabulary)
    texts = []
    for _ in range(count):
        out = []
        for _ in range(rnd.randint(5, 60)):
            roll = rnd.random()
            word = rnd.choice(words) if roll < 0.7 else rnd.choice(ODD)
            if roll > 0.85:
                word += rnd.choice(words)
            if rnd.random() < 0.2:
                word = word.upper()
            if rnd.random() < 0.1:
                word = word.replace("s", "ſ").replace("K", "\u212a").replace("в", "\u1c80")
            out += [word, rnd.choice([" ", " ", "  ", "\n", ", ", "", ". "])]
        texts.append("".join(out))
    return texts


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_articles_and_their_sentences(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_as_finditer(SCAN, text)
    for m in re.finditer(r"[^.!?\n]+", text):
        assert_as_finditer(SCAN, text, m.start(), m.end())


def test_generated_texts_and_windows() -> None:
    rnd = random.Random(16)
    total = 0
    for text in generated(400):
        total += assert_as_finditer(SCAN, text)
        start = rnd.randrange(len(text))
        assert_as_finditer(SCAN, text, start, rnd.randrange(start, len(text) + 1))
    assert total > 1000  # the texts hold plenty of matches to compare


@pytest.mark.parametrize(
    "text",
    [
        "Moreover عشرين في المئة of them",  # a hedge of _LEAD begins inside a word
        "ſome forty per cent, MORE THAN HALF OF THE VOTERS, \u212aept half the town",
        "XIV: half of it; 1 in 5; 12 in every 100 readers; l'un de cada tres",
        "Около ПОЛОВИНЫ жителей; вдвое больше; в 2,5 раза дороже",
        "وبأكثر من ثلاثين في المئة؛ فبحوالي مليون دولار؛ تضاعفت الأسعار",
        "",
        "   ",
    ],
)
def test_edge_cases(text: str) -> None:
    assert_as_finditer(SCAN, text)
    for start in range(len(text)):
        assert_as_finditer(SCAN, text, start)


def test_a_hedge_inside_a_word_is_found_as_before() -> None:
    text = "moreover عشرين في المئة"
    assert [text[s:e] for s, e, *_ in figures.word_figures(text)] == ["over عشرين في المئة"]


@pytest.mark.parametrize(
    ("pattern", "anywhere"),
    [
        (r"\bhalf\s+of", False),
        (r"(?<!\w)треть", False),
        (r"more\s+than", False),  # may begin inside a word: looked for inside words
        (r"%\s*\w+", True),  # may begin with a non-word character
        (r"\b[\w'-]+", True),  # may begin with an apostrophe
        (r"\b(?:x)?", True),  # may match nothing
        (r"(?a)\bhalf", True),  # ASCII \w is another \w
    ],
)
def test_a_pattern_that_may_begin_anywhere_is_left_to_finditer(
    pattern: str, anywhere: bool
) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert heads_of(compiled).anywhere is anywhere
    scan = PatternSet([compiled])
    for text in ["half of it", "'tis half of 50% less", "xmore than", "треть"]:
        assert_as_finditer(scan, text)


def test_the_assistant_s_patterns_all_take_the_fast_way() -> None:
    slow = [p.pattern[:60] for p in PATTERNS if heads_of(p).anywhere]
    assert slow == []


def test_a_long_line_is_tried_only_at_its_few_candidate_words() -> None:
    line = "Statistics show costs rose by over 50% and it is a disastrous waste. " * 5000
    scan = PatternSet([p.regex for p in figures.WORD_PATTERNS])
    tried = [len(c) for c in scan.candidates(line)]
    # Only "over" (a hedge) and "a" begin figures in words here: each pattern is tried at
    # most twice a sentence, where finditer tries it at each of the 345,000 characters.
    assert 0 < max(tried) <= 2 * 5000
    assert sum(tried) < len(tried) * len(line) / 50
    assert_as_finditer(scan, line[:7000])
