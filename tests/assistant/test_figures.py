"""Figures written in words, other digits and other languages (invented sentences)."""

from __future__ import annotations

import pytest

from quizapp.assistant.figures import word_figures
from tests.assistant.conftest import decoys, problems

SKILL = "unsupported-statistic"


def _found(text: str, quote: str, language: str | None = None) -> bool:
    return any(quote in q or q in quote for q in problems(SKILL, text, language))


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # English shares, ratios, per cents, sums and counts in words
        ("Nearly two-thirds of households now rely on a food bank.",
         "Nearly two-thirds of households"),
        ("One in five pupils skips breakfast before school.", "One in five pupils"),
        ("Nine out of ten drivers now pay more at the pump.", "Nine out of ten drivers"),
        ("The vast majority of tenants opposed the rent rise.",
         "The vast majority of tenants"),
        ("Most of the town's shops closed early.", "Most of the town's shops"),
        ("Half the village turned out to watch the parade.", "Half the village"),
        ("Around forty per cent of the bolts had rusted through.",
         "Around forty per cent of the bolts"),
        ("The repairs will cost two million pounds.", "two million pounds"),
        ("Tens of thousands of commuters were stranded.", "Tens of thousands of commuters"),
        ("More than forty families lost their homes.", "More than forty families"),
        ("Ticket prices have doubled since the spring.", "doubled"),
    ],
)  # fmt: skip
def test_english_figures_in_words(text: str, quote: str) -> None:
    assert _found(text, quote), problems(SKILL, text)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Casi la mitad de los vecinos no tiene coche propio.", "Casi la mitad de los vecinos"),
        ("Un tercio de los pisos del barrio está vacío.", "Un tercio de los pisos"),
        ("La gran mayoría de los comercios cerró a las ocho.", "La gran mayoría de los comercios"),
        ("Uno de cada tres jóvenes no encuentra trabajo.", "Uno de cada tres jóvenes"),
        ("El paro bajó un veinte por ciento en la comarca.", "un veinte por ciento"),
        ("La reforma costará dos millones de euros.", "dos millones de euros"),
        ("Cientos de personas esperaron en la cola.", "Cientos de personas"),
        ("Los alquileres son tres veces más caros que en 2015.", "tres veces más caros"),
        ("El precio del billete se ha duplicado este año.", "se ha duplicado"),
    ],
)
def test_spanish_figures_in_words(text: str, quote: str) -> None:
    assert _found(text, quote, "es"), problems(SKILL, text, "es")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Около половины жителей района остались без света.", "Около половины жителей"),
        ("Треть участников турнира не прошла медосмотр.", "Треть участников"),
        ("Большинство пассажиров недовольны новым расписанием.", "Большинство пассажиров"),
        ("Каждый пятый школьник в городе занимается спортом.", "Каждый пятый школьник"),
        ("Тарифы выросли на двадцать процентов.", "двадцать процентов"),
        ("Ремонт обойдется в три миллиона рублей.", "три миллиона рублей"),
        ("Тысячи горожан вышли на субботник.", "Тысячи горожан"),
        ("Цены на проезд выросли в два раза.", "в два раза"),
        ("Стоимость аренды выросла вдвое за год.", "вдвое"),
        ("На концерт пришли 12 000 зрителей.", "12 000 зрителей"),
        ("Бюджет фестиваля составил 450 млн рублей.", "450 млн рублей"),
    ],
)
def test_russian_figures(text: str, quote: str) -> None:
    assert _found(text, quote, "ru"), problems(SKILL, text, "ru")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("يعاني نصف سكان البلدة من انقطاع الكهرباء.", "نصف سكان"),
        ("ويعمل ثلث الشباب في وظائف مؤقتة.", "ثلث الشباب"),
        ("يحصل معظم الطلاب على وجبة مجانية.", "معظم الطلاب"),
        ("وارتفعت الإيجارات بأكثر من عشرين في المئة.", "عشرين في المئة"),
        ("تبلغ كلفة الجسر ثلاثة ملايين دولار.", "ثلاثة ملايين دولار"),
        ("خرج آلاف المتظاهرين إلى الساحة.", "آلاف المتظاهرين"),
        ("ارتفع عدد الزوار بنسبة ٤٠٪ هذا العام.", "٤٠٪"),
        ("وصل عدد المشتركين إلى ١٢٬٥٠٠ مشترك.", "١٢٬٥٠٠ مشترك"),
        ("تضاعفت أسعار الخبز خلال الشتاء.", "تضاعفت"),
        ("واحد من كل خمسة منازل بلا تدفئة.", "واحد من كل خمسة"),
        ("وشارك في المسيرة أكثر من ألف شخص.", "أكثر من ألف شخص"),
    ],
)
def test_arabic_figures(text: str, quote: str) -> None:
    assert _found(text, quote, "ar"), problems(SKILL, text, "ar")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # halves of games and days, a century's quarter, a power play, a semi-final
        ("She led for most of the race and the first half of the second lap.", None),
        ("The team won three in a row after trailing in the first half.", None),
        ("El equipo marcó en la segunda mitad del partido.", "es"),
        ("Во второй половине матча хозяева забили дважды.", "ru"),
        ("Команда реализовала большинство в третьем периоде.", "ru"),
        ("Гости долго играли в большинстве, но не забили.", "ru"),
        ("За первую четверть века клуб выиграл три титула.", "ru"),
        ("في النصف الثاني من العام تراجعت الأمطار.", "ar"),
        ("تأهل الفريق إلى ربع النهائي بعد فوز صعب.", "ar"),
        # dates and years in Arabic-Indic digits are details, not claims
        ("افتتح الجسر في ١٥ مارس ٢٠٢٣ بحضور المحافظ.", "ar"),
    ],
)
def test_halves_of_time_and_power_plays_are_not_figures(text: str, language: str | None) -> None:
    assert problems(SKILL, text, language) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("According to the census office, a third of homes have no garden.", None),
        ("Según el Instituto de Estadística, la mitad de los vecinos no tiene coche.", "es"),
        ("По данным пресс-службы клуба, бюджет превышает 2 млрд рублей.", "ru"),
        ("Как сообщил директор Иван Петров, треть сотрудников в отпуске.", "ru"),
        ("وقال وزير الزراعة إن ثلث الآبار جفت هذا العام.", "ar"),
        ("وبحسب وزارة المالية، تبلغ الخسائر نحو ٥٠ مليون دولار.", "ar"),
        ("The survey, led by Dr Maya Osei of Lakeside University, followed 2,000 patients.", None),
    ],
)
def test_a_sourced_figure_in_any_language_is_a_probable_decoy(
    text: str, language: str | None
) -> None:
    assert problems(SKILL, text, language) == []
    assert decoys(SKILL, text, language)


@pytest.mark.parametrize(
    ("text", "quote", "language"),
    [
        ("По данным СМИ, клуб потратил на трансферы 300 млн рублей.", "300 млн рублей", "ru"),
        ("Эксперты считают, что половина игроков покинет клуб.", "половина игроков", "ru"),
        ("وقال مسؤولون إن ثلث الآبار جفت هذا العام.", "ثلث الآبار", "ar"),
        ("وبحسب مصادر مطلعة، تبلغ الخسائر نحو ٥٠ مليون دولار.", "نحو ٥٠ مليون دولار", "ar"),
        ("Según fuentes oficiales, el 30% de los pisos está vacío.", "el 30% de los pisos", "es"),
    ],
)
def test_an_unnamed_source_in_any_language_is_no_source(
    text: str, quote: str, language: str
) -> None:
    assert _found(text, quote, language), problems(SKILL, text, language)


def test_the_noun_phrase_stops_at_a_verb() -> None:
    found = problems(SKILL, "The vast majority of tenants opposed the rise.")
    assert found == ["The vast majority of tenants"]


def test_word_figures_gives_offsets_and_kinds() -> None:
    text = "Roughly half of the flats and two million euros."
    kinds = {text[s:e]: kind for s, e, kind, _ in word_figures(text)}
    assert kinds["Roughly half of"] == "a share"
    assert kinds["two million euros"] == "a sum of money"
