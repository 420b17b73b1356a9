from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from quizapp.core.article import Article, read_article
from quizapp.core.tokenize import Token, class_letters, token_spans, tokenize
from tests.factories import ROOT


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Statistics show ... over 50%", ["Statistics", "show", "over", "50%"]),
        ("about $30 million monthly.", ["about", "$30", "million", "monthly"]),
        ("Iran’s Iran-Hamas don't", ["Iran’s", "Iran-Hamas", "don't"]),
        ("3.5 and 1,000 people, then.", ["3.5", "and", "1,000", "people", "then"]),
        ("[insert date here]", ["insert", "date", "here"]),
        ("rose XX% in TK", ["rose", "XX%", "in", "TK"]),
        ("‘axis of resistance’", ["axis", "of", "resistance"]),
        ("end. Next", ["end", "Next"]),
        ("Привет, мир! 2100 человек", ["Привет", "мир", "2100", "человек"]),
        ("café naïve", ["café", "naïve"]),
    ],
)
def test_words_and_numbers(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_offsets_point_at_the_token_text() -> None:
    text = "Reports indicate that Iran has $30 million."
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text


def test_right_to_left_arabic_keeps_words_and_marks() -> None:
    text = "وتشير التقارير إلى أن 35% من المياه تُهدر."
    assert words(text) == ["وتشير", "التقارير", "إلى", "أن", "35%", "من", "المياه", "تُهدر"]


def test_persian_half_space_stays_inside_the_word() -> None:
    assert words("او می\u200cخواهد بیاید") == ["او", "می\u200cخواهد", "بیاید"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("东京大学", ["东", "京", "大", "学"]),
        ("日本語のテスト", ["日", "本", "語", "の", "テ", "ス", "ト"]),
        ("人口は2020年に", ["人", "口", "は", "2020", "年", "に"]),
        ("한국 뉴스", ["한국", "뉴스"]),
    ],
)
def test_scripts_without_spaces_fall_back_to_characters(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_article_blocks_and_token_blocks() -> None:
    article = Article.from_text("a.txt", "\ufeffHeadline here\r\nFirst para.\r\n\r\nSecond para.\n")
    assert article.headline == "Headline here"
    assert [article.block_text(b) for b in article.paragraphs] == ["First para.", "Second para."]
    assert [t.block for t in article.tokens] == [0, 0, 1, 1, 2, 2]
    assert article.block_tokens(2) == range(4, 6)


def test_token_span_covers_every_overlapping_token() -> None:
    article = Article.from_text("a.txt", "Head\nover 50% of all")
    start = article.text.index("50%")
    assert [article.tokens[i].text for i in article.token_span(start, start + 6)] == ["50%", "of"]


def test_tokens_are_the_dataclass_built_the_usual_way() -> None:
    (token,) = tokenize("  word  ", block=3, first_index=7)
    assert token == Token(7, 2, 6, "word", 3)
    assert hash(token) == hash(Token(7, 2, 6, "word", 3))
    assert repr(token) == repr(Token(7, 2, 6, "word", 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.text = "other"  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "Head", "Head\nover 50% of all", "a b\n\nc, d. e\nf"])
def test_span_and_block_lookups_agree_with_a_scan(text: str) -> None:
    article = Article.from_text("a.txt", text or "x")
    for start in range(len(article.text) + 1):
        for end in range(start, len(article.text) + 2):
            idx = [t.index for t in article.tokens if t.start < end and t.end > start]
            expected = range(idx[0], idx[-1] + 1) if idx else range(0)
            assert article.token_span(start, end) == expected
    for block in range(len(article.blocks) + 1):
        idx = [t.index for t in article.tokens if t.block == block]
        assert article.block_tokens(block) == (range(idx[0], idx[-1] + 1) if idx else range(0))


SEED_TEXTS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_article_tokens_are_each_blocks_tokenized_in_turn(path: Path) -> None:
    # Offsets come first and Tokens later, from them; both must be what tokenizing each
    # block in turn gives.
    article = read_article(path)
    spans = [article.token_bounds(i) for i in range(len(article.token_span(0, len(article.text))))]
    expected: list[Token] = []
    for b in article.blocks:
        expected += tokenize(article.text, b.start, b.end, b.number, len(expected))
    assert article.tokens == tuple(expected)
    assert spans == [(t.start, t.end) for t in expected]
    assert token_spans(class_letters(article.text)) == [(t.start, t.end) for t in expected]
