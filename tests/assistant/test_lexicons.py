"""The loaded-language lexicons of Russian, Arabic, Spanish and English (invented sentences)."""

from __future__ import annotations

from importlib import resources

import pytest

from quizapp.assistant.loaded import lexicon, normalize, parse_lexicon, variants
from tests.assistant.conftest import decoys, problems

SKILL = "loaded-language"


def test_arabic_words_are_tried_without_their_clitics() -> None:
    forms = variants("والكارثية")
    assert "كارثية" in forms and "الكارثية" in forms
    assert variants("للأسف")[0] == "للاسف"  # alef forms folded
    assert "سف" not in variants("للأسف")  # a stripped word keeps three letters
    assert normalize("Ёлка") == "елка"
    assert normalize("كارثيّة") == "كارثية"  # short-vowel marks dropped


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Команда одержала невероятную победу в овертайме.", "невероятную победу"),
        ("Это был позорный провал руководства завода.", "позорный провал"),
        ("Болельщики устроили настоящую битву за билеты.", "битву"),
        ("Новый стадион стал настоящим подвигом строителей.", "подвигом"),
        ("Город пережил беспрецедентный наплыв туристов.", "беспрецедентный наплыв"),
        ("Тарифы взлетели, и это, увы, не предел.", "увы"),
        ("Реформа обернулась полным крахом.", "крахом"),
        ("Горе-чиновники снова перенесли открытие моста.", "Горе-чиновники"),
    ],
)
def test_russian_loaded_words_with_their_endings(text: str, quote: str) -> None:
    assert any(quote in q for q in problems(SKILL, text, "ru")), problems(SKILL, text, "ru")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("تعاني المدينة من أزمة خانقة في الخبز منذ أشهر.", "أزمة خانقة"),
        ("وكانت النتيجة فضيحة بكل المقاييس.", "فضيحة"),
        ("ولم يتحرك أحد للأسف حتى الآن.", "للأسف"),
        ("يلوح شبح الإفلاس فوق المصانع الصغيرة.", "شبح الإفلاس"),
        ("تعيش الأسواق على صفيح ساخن منذ الصيف.", "على صفيح ساخن"),
        ("وحقق الفريق فوزا ساحقا على منافسه.", "فوزا ساحقا"),
        ("وجاء القرار بعد جهود جبارة من البلدية.", "جهود جبارة"),
    ],
)
def test_arabic_loaded_words_with_clitics_and_the_noun_before(text: str, quote: str) -> None:
    assert any(quote in q for q in problems(SKILL, text, "ar")), problems(SKILL, text, "ar")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("La obra fue un despilfarro y un auténtico descalabro.", "descalabro"),
        ("Los precios se disparan en los mercados del centro.", "se disparan"),
        ("El alcalde arremetió contra la oposición en el pleno.", "arremetió contra"),
        ("Fue una gestión nefasta y un fracaso esperpéntico.", "esperpéntico"),
        ("The minister's plan is a shambles and a white elephant.", "white elephant"),
        ("Drivers face eye-watering bills at the pump.", "eye-watering bills"),
        ("The club's hapless owners moaned about the referee.", "moaned"),
    ],
)
def test_spanish_and_english_additions(text: str, quote: str) -> None:
    assert any(quote in q for q in problems(SKILL, text)), problems(SKILL, text)


@pytest.mark.parametrize(
    ("text", "quote", "language"),
    [
        ("«Это позор», — заявил главный тренер.", "позор", "ru"),
        ("Это был позорный провал, — заявил президент клуба.", "позорный провал", "ru"),
        ("«هذه كارثة حقيقية»، قالت إحدى السكان.", "كارثة", "ar"),
        ("وقال وزير المياه إن الوضع كارثي في الأحياء الشرقية.", "الوضع كارثي", "ar"),
        ("كانت النتيجة كارثية، قال الوزير.", "النتيجة كارثية", "ar"),
        ("The scheme was a disaster, according to the council.", "disaster", None),
        ("The programme has been a lifeline for poor families, the charity says.", "lifeline",
         None),
    ],
)  # fmt: skip
def test_a_credited_speakers_words_are_probable_decoys(
    text: str, quote: str, language: str | None
) -> None:
    assert problems(SKILL, text, language) == []
    assert any(quote in d for d in decoys(SKILL, text, language))


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # an unnamed speaker credits nobody
        ("The scheme was a disaster, critics say.", "disaster"),
        # a verb of finding is not a verb of saying
        ("The plan is a disaster for the town, the review found.", "disaster"),
    ],
)
def test_an_unnamed_or_finding_tag_leaves_the_word_to_the_writer(text: str, quote: str) -> None:
    assert any(quote in q for q in problems(SKILL, text))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Вчера Герой России приехал на открытие школы в Твери.", "ru"),
        ("Министр провёл совещание по ремонту дорог.", "ru"),
        ("وافتتح المحافظ مدرسة جديدة في الحي الشرقي.", "ar"),
        ("Inspectors found the bolts badly corroded.", None),
        ("Se inauguró el puente tras dos años de obras.", "es"),
    ],
)
def test_plain_reporting_is_left_alone(text: str, language: str | None) -> None:
    assert problems(SKILL, text, language) == []  # "Герой России" is a title, a name


def test_every_lexicon_is_of_a_useful_size_and_parses() -> None:
    for language, least in (("en", 300), ("es", 150), ("ru", 150), ("ar", 150)):
        path = resources.files("quizapp.assistant") / "lexicon" / f"{language}.txt"
        own = parse_lexicon(path.read_text(encoding="utf-8"))
        assert len(own) >= least, (language, len(own))
        assert len({e.category for e in own}) >= 6
    assert lexicon("ar") and lexicon("ru")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## praise: x | extend=sideways\nsplendid\n", "extend is one of"),
        ("## praise: x\nb*\n", "two letters"),
    ],
)
def test_bad_lexicon_lines_are_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_lexicon(text)


def test_extend_previous_takes_the_noun_before() -> None:
    entries = parse_lexicon("## x: y | extend=previous\nخانق*\n")
    assert entries[0].extend == "previous"
