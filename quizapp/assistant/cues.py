"""Who is speaking: cues that name a source, and cues that only gesture at one.

Shared by the statistics, attribution and loaded-language detectors. The patterns come from
newsroom style guides (AP, Reuters, the BBC's): a claim is attributed when it names who
says it ("according to the finance office", "Dr Venn said", "a 2022 review by the Global
Reef Restoration Network"); "experts say", "reports suggest" or "it is believed" only
sound like attribution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from quizapp.assistant.scan import PatternSet
from quizapp.assistant.text import Document, Sentence

_I = re.IGNORECASE
_DEFINITE = ("the ", "these ", "those ", "its ", "their ", "our ", "his ", "her ", "this ")

# Nouns that stand for a source nobody can look up, when not followed by a name.
VAGUE_NOUNS = (
    r"experts?|analysts?|observers?|scientists?|researchers?|economists?|critics?|sceptics?|"
    r"skeptics?|commentators?|insiders?|sources?|officials?|reports?|studies|study|research|"
    r"statistics|surveys?|polls?|data|figures|estimates|evidence|people|many|some|others|"
    r"rumou?rs?|observers|voices|circles|quarters|groups|supporters|opponents|residents|"
    r"teachers|parents|doctors|academics|historians|pundits|watchers|specialists"
)
_QUANT = (
    r"(?:some|many|several|various|certain|most|numerous|countless|a\s+number\s+of|"
    r"a\s+handful\s+of|a\s+few|a\s+growing\s+number\s+of|recent|unnamed|anonymous|"
    r"independent|leading|top|senior|local|industry|technology|tech|health|legal|"
    r"market|security|western|foreign|other)"
)
_SAY = (
    r"(?:say|says|said|show|shows|showed|shown|suggest|suggests|suggested|indicate|indicates|"
    r"indicated|believe|believes|believed|claim|claims|claimed|argue|argues|argued|think|"
    r"thinks|fear|fears|feared|warn|warns|warned|estimate|estimates|estimated|agree|agrees|"
    r"point\s+out|points\s+out|have\s+found|has\s+found|found|put|puts|tell|tells|told|"
    r"perceive|perceives|describe|describes|maintain|maintains|insist|insists|worry|worries|"
    r"expect|expects|predict|predicts|"
    r"are\s+divided|were\s+divided|have\s+said|have\s+claimed|have\s+argued|have\s+warned)"
)

# What Arabic says of an unnamed source: مصادر مطلعة (informed), رسمية (official), ...
_AR_SOURCE_KIND = (
    r"(?:مطلعة|مقربة|رسمية|حكومية|مسؤولة|أمنية|محلية|إعلامية|متطابقة|خاصة|مطلع|مسؤول|رسمي|"
    r"حكومي|مقرب|أمني)(?!\w)"
)
# Each pattern is (regex, reason); the match is the span to quote.
VAGUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, _I), why)
    for p, why in (
        (
            rf"\b(?:{_QUANT}\s+)?(?:{VAGUE_NOUNS})\s+(?:\w+ly\s+|now\s+|also\s+)?{_SAY}\b",
            "credits the claim to an unnamed group",
        ),
        (
            r"\bit\s+(?:is|was|has\s+been)\s+(?:widely\s+|generally\s+|commonly\s+|often\s+|now\s+)?"
            r"(?:believed|thought|said|reported|claimed|estimated|understood|feared|alleged|"
            r"rumou?red|suggested|expected|known|accepted)\b",
            "a passive with no one doing the believing",
        ),
        (
            r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:widely\s+|generally\s+|now\s+|"
            r"often\s+|commonly\s+)?(?:believed|thought|said|reported|considered|estimated|"
            r"understood|rumou?red|alleged|seen)\s+to\b",
            "a passive with no one doing the believing",
        ),
        (
            r"\b(?:by|according\s+to)\s+(?:some|many|most|several|other|recent|various|"
            r"conservative|unofficial)\s+(?:estimates|accounts|reports|sources|measures|"
            r"counts|experts|studies)\b",
            "an estimate credited to nobody",
        ),
        (
            r"\b(?:some|many|several)\s+(?:estimates|reports)\b",
            "an estimate credited to nobody",
        ),
        (
            r"\bwhat\s+(?:some|many|critics|experts|scientists|observers|analysts|others)"
            r"\s+(?:describe|call|see|consider|regard)\s+as\b",
            "a description credited to an unnamed group",
        ),
        (
            r"\b(?:sources|people|officials|insiders)\s+(?:close\s+to|familiar\s+with|"
            r"with\s+knowledge\s+of|briefed\s+on)\s+the\s+\w+",
            "sources described, not named",
        ),
        (r"\ba\s+growing\s+body\s+of\s+(?:evidence|research)\b", "evidence credited to nobody"),
        (
            r"(?<=\bbeen\s)(?:hailed|described|dubbed|billed|touted|branded)\s+as\b"
            r"(?:\s+an?\s+\w+)?",
            "praise or blame credited to nobody",
        ),
        (
            r"\b(?:a\s+handful\s+of|a\s+few|some|many)\s+(?:sceptics|skeptics|critics|"
            r"observers|analysts|experts|commentators)\b",
            "an unnamed group",
        ),
        (r"\b(?:reportedly|allegedly|supposedly|rumou?red(?:ly)?)\b", "hearsay with no source"),
        (
            r"\b(?:various|certain|some)\s+(?:groups|circles|quarters|voices)\s+(?:within|in)\s+\w+",
            "an unnamed group",
        ),
        # Spanish, French, Russian, Arabic: the commonest forms in news writing.
        (r"\bseg[uú]n\s+se\s+dice\b", "hearsay with no source"),
        (
            r"\bseg[uú]n\s+(?:algunos|algunas|varios|varias|diversos|ciertos|fuentes|expertos|"
            r"estudios|informes)\b(?:\s+(?:estudios|expertos|fuentes|informes|analistas))?",
            "credits the claim to nobody in particular",
        ),
        (
            r"\b(?:fuentes|personas)\s+(?:cercanas|próximas|proximas)\s+(?:a|al|a\s+la)\s+\w+",
            "sources described, not named",
        ),
        (
            r"\b(?:muchos|algunos|varios|diversos)\s+(?:expertos|analistas|estudios|críticos|"
            r"especialistas)(?:\s+(?:creen|dicen|afirman|aseguran|opinan|señalan|consideran))?",
            "credits the claim to an unnamed group",
        ),
        (r"\bse\s+(?:dice|cree|rumorea|estima|calcula)\b", "a passive with no one doing it"),
        (
            r"\b(?:selon\s+certains|d'après\s+certains|certains\s+experts|des\s+sources)\b",
            "credits the claim to nobody in particular",
        ),
        (
            r"(?:по\s+некоторым\s+данным|по\s+слухам|как\s+сообщается|как\s+считается|"
            r"эксперты\s+(?:считают|полагают|говорят)|источники\s+сообщают|"
            r"некоторые\s+(?:эксперты|аналитики|специалисты)|многие\s+(?:эксперты|считают)|"
            r"по\s+мнению\s+(?:экспертов|специалистов|аналитиков))",
            "credits the claim to nobody in particular",
        ),
        (
            r"(?:تشير\s+التقارير|تفيد\s+التقارير|يقول\s+(?:خبراء|الخبراء|مراقبون)|"
            r"يعتقد\s+(?:خبراء|الخبراء|البعض|كثيرون)|مصادر\s+مطلعة|مصادر\s+مقربة|"
            r"بحسب\s+مصادر|وفقا\s+لمصادر|يرى\s+البعض|يُعتقد|يقال)",
            "credits the claim to nobody in particular",
        ),
        # Spanish: unnamed sources and estimates.
        (
            r"\b(?:seg[uú]n\s+)?fuentes\s+(?:oficiales|consultadas|bien\s+informadas|del\s+sector|"
            r"municipales|policiales|judiciales|sindicales|no\s+identificadas|an[oó]nimas)\b",
            "sources described, not named",
        ),
        (
            r"\bseg[uú]n\s+(?:los\s+|las\s+)?(?:estimaciones|c[aá]lculos|expertos|analistas|"
            r"especialistas|datos\s+no\s+oficiales)\b",
            "credits the claim to nobody in particular",
        ),
        (
            r"\b(?:los\s+)?(?:expertos|analistas|especialistas|estudios|investigaciones|"
            r"las\s+estad[ií]sticas|los\s+datos|cr[ií]ticos)\s+(?:creen|dicen|afirman|aseguran|"
            r"opinan|señalan|consideran|advierten|coinciden|muestran|demuestran|indican|sugieren|"
            r"revelan|apuntan)\b",
            "credits the claim to an unnamed group",
        ),
        (
            r"\b(?:se\s+(?:estima|calcula|cree|sabe|comenta|rumorea|asegura|afirma|habla)\s+que|"
            r"al\s+parecer|supuestamente|presuntamente|dicen\s+que)\b",
            "a passive with no one doing it",
        ),
        # Russian: unnamed sources, estimates and hearsay.
        (
            r"(?<!\w)по\s+(?:(?:некоторым|неофициальным|предварительным|имеющимся|различным)\s+)?"
            r"(?:данным|оценкам|сведениям|информации)\s+(?:СМИ|экспертов|аналитиков|специалистов|"
            r"источников|инсайдеров|журналистов|наблюдателей|болельщиков)(?!\w)"
            r"|(?<!\w)по\s+(?:некоторым|неофициальным|различным|ряду)\s+(?:данным|оценкам|сведениям)"
            r"(?!\w)",
            "credits the claim to nobody in particular",
        ),
        (
            r"(?<!\w)(?:эксперты|аналитики|специалисты|наблюдатели|критики|болельщики|источники|"
            r"инсайдеры|журналисты|очевидцы|многие|некоторые|СМИ|исследования|исследователи|"
            r"уч[её]ные|врачи|статистика|опросы)\s+(?:[а-яё]+\s+)?(?:считают|полагают|говорят|"
            r"утверждают|уверены|отмечают|прогнозируют|предупреждают|опасаются|сообщают|пишут|"
            r"показывают|свидетельствуют|указывают|предполагают|подсчитали|оценивают|"
            r"показывает|свидетельствует)(?!\w)",
            "credits the claim to an unnamed group",
        ),
        (
            r"(?<!\w)(?:поговаривают|ходят\s+слухи|как\s+утверждается|утверждается|"
            r"предположительно|якобы|будто\s+бы|считается|принято\s+считать|сообщается|"
            r"говорят,?\s+что)(?!\w)",
            "hearsay with no source",
        ),
        (
            r"(?<!\w)источник(?:и|а|ов)?\s+(?:в|во|из|близк\w+\s+к|знаком\w+\s+с|"
            r"в\s+окружении)\s+[а-яё\w]+"
            r"|(?<!\w)(?:многие|некоторые|ряд)\s+(?:экспертов|аналитиков|специалистов|"
            r"наблюдателей|исследований|болельщиков|журналистов)(?!\w)"
            r"|(?<!\w)по\s+мнению\s+(?:многих|некоторых|ряда|болельщиков|критиков|наблюдателей)"
            r"(?!\w)|(?<!\w)как\s+(?:сообщают|пишут|отмечают)\s+(?:СМИ|источники|журналисты|медиа)"
            r"(?!\w)",
            "credits the claim to nobody in particular",
        ),
        # Arabic: a verb of saying or thinking whose subject is an unnamed group; "according
        # to" unnamed sources; sourceless passives. و/ف (and) may be written onto the verb.
        (
            r"(?<!\w)[وف]?(?:قال|قالت|يقول|تقول|أفاد|أفادت|ذكر|ذكرت|أكد|أكدت|يؤكد|تؤكد|يرى|"
            r"ترى|يعتقد|تعتقد|حذر|حذرت|يحذر|أشار|أشارت|يشير|تشير|تفيد|يفيد|تقدر|يقدر|يتوقع|"
            r"تتوقع|رأى|يعتبر)\s+(?:ال)?(?:مسؤولون|مسؤولين|خبراء|محللون|محللين|مراقبون|"
            r"مراقبين|مصادر|مصدر|تقارير|تقديرات|دراسات|سكان|مواطنون|بعض|كثيرون|شهود|ناشطون|"
            r"متخصصون|مختصون|أوساط|جهات|إحصاءات|أرقام|اقتصاديون|أطباء)(?!\w)"
            rf"(?:\s+{_AR_SOURCE_KIND})?",
            "credits the claim to an unnamed group",
        ),
        (
            r"(?<!\w)[وف]?(?:ب?حسب|وفق[اًا]*\s+ل|طبقا\s+ل|نقلا\s+عن)\s*(?:ال)?(?:بعض|مصادر|مصدر|"
            r"تقارير|تقديرات\s+غير\s+رسمية|خبراء|مراقبين|محللين|شهود|ما\s+يقال|ما\s+يتردد|أوساط)"
            rf"(?!\w)(?:\s+{_AR_SOURCE_KIND})?",
            "credits the claim to nobody in particular",
        ),
        (
            r"(?<!\w)[وف]?(?:يُقال|يُعتقد|يعتقد\s+على\s+نطاق\s+واسع|من\s+المعتقد|يُرجح|يُقدر|"
            r"تُقدر|يُتوقع|يتردد|تتردد\s+أنباء|تشير\s+التقديرات|تشير\s+الأرقام|تظهر\s+الأرقام|"
            r"تظهر\s+الإحصاءات|تقول\s+التقارير|أظهرت\s+دراسات|تشير\s+دراسات|دراسات\s+تشير|"
            r"بعض\s+الخبراء|كثير\s+من\s+الخبراء|مصادر\s+(?:رسمية|حكومية|مسؤولة|أمنية|محلية|"
            r"إعلامية|متطابقة|خاصة)|مصدر\s+(?:مطلع|مسؤول|رسمي|حكومي|مقرب|أمني)|"
            r"يُزعم|يزعم\s+البعض|على\s+ما\s+يبدو)(?!\w)",
            "credits the claim to nobody in particular",
        ),
    )
)

_NAMED_VERBS = (
    r"said|says|told|stated|reported|reports|announced|confirmed|estimated|estimates|found|"
    r"finds|recorded|records|counted|published|wrote|writes|noted|notes|explained|added|"
    r"calculated|measured|showed|shows|concluded|cautioned|warned|argued|argues|insisted|"
    r"dijo|explicó|explico|afirmó|afirmo|señaló|senalo|informó|informo|declaró|declaro|"
    r"añadió|anadio|aseguró|aseguro|indicó|indico|calculó|calculo|estimó|estimo|detalló|"
    r"detallo|precisó|preciso|sostuvo|advirtió|advirtio|reconoció|reconocio|subrayó|subrayo|"
    r"destacó|destaco|publicó|publico|anunció|anuncio|confirmó|confirmo|comunicó|comunico|"
    r"сообщил|сообщила|сообщили|сообщило|сообщает|заявил|заявила|заявили|заявило|сказал|"
    r"сказала|сказали|отметил|отметила|отметили|отмечает|рассказал|рассказала|рассказали|"
    r"подчеркнул|подчеркнула|пояснил|пояснила|добавил|добавила|уточнил|уточнила|подсчитал|"
    r"подсчитали|объявил|объявила|объявили|опубликовал|опубликовала|опубликовали|"
    r"[وف]?(?:قال|قالت|أعلن|أعلنت|صرح|صرحت|أفاد|أفادت|أوضح|أوضحت|ذكر|ذكرت|أكد|أكدت|أضاف|"
    r"أضافت|أشار|أشارت|كشفت|أظهرت|يقول|تقول|يؤكد|تؤكد)"
)
SPEECH_VERB = re.compile(
    rf"\b(?:{_NAMED_VERBS}|call(?:s|ed)?|describ(?:es|ed)|perceives?|views?|sees|"
    r"reiterated|expressed|accused|praised|condemned|denounced|urged|pledged|vowed|"
    r"calificó|califico|denunció|denuncio|criticó|critico|lamentó|lamento|opina|cree|considera|"
    r"считает|считают|назвал|назвала|назвали|охарактеризовал\w*|уверен|уверена|признал\w*|"
    r"говорит|написал|написала|[وف]?(?:يرى|ترى|اعتبر|اعتبرت|يعتبر|تعتبر|وصف|وصفت|يصف|تصف|"
    r"شدد|شددت|حذر|حذرت|نفى|نفت|رأى|رأت|أضاف|أضافت))\b",
    _I,
)
_NAMED_VERB = re.compile(rf"\b(?:{_NAMED_VERBS})\b", _I)
_ACCORDING = re.compile(
    r"\b(?:according\s+to|as\s+reported\s+by|reported\s+by|data\s+from|figures\s+from|"
    r"seg[uú]n|de\s+acuerdo\s+con|conforme\s+a|selon|d'après|laut|zufolge|согласно|"
    r"по\s+(?:(?:его|её|ее|их)\s+)?(?:данным|словам|информации|оценк\w+|подсч[её]там)|"
    r"как\s+(?:сообщил|заявил|рассказал|пояснил)\w*)"
    r"|(?<!\w)[وف]?(?:ب?حسب|وفق[اًا]*\s+ل|طبقا\s+ل|نقلا\s+عن)",
    _I,
)
# Research credited to the person or body who did it: "researchers led by Dr Venn".
_DONE_BY = re.compile(
    r"\b(?:led|headed|conducted|carried\s+out|commissioned|compiled|coordinated|"
    r"dirigid[oa]s?|liderad[oa]s?|encabezad[oa]s?|realizad[oa]s?|elaborad[oa]s?)\s+"
    r"(?:by|por)\s+(?:[a-záéíóúñ]+\.?\s+){0,3}[A-ZÁÉÍÓÚÑ]\w+"
    r"|(?<!\w)под\s+руководством\s+(?:[а-яё]+\s+){0,2}[А-ЯЁ]\w+"
)
_LINK = re.compile(r"https?://|www\.", _I)
_DOCUMENT = re.compile(
    r"\b(?:the|this|that|its|their|a|an)\s+(?:\d{4}\s+)?(?:study|report|survey|review|"
    r"analysis|poll|census|paper|audit|inquiry|investigation|data|figures|records?|"
    r"statement|press\s+release|results|budget|accounts)\b"
    r"(?:[^.;]{0,60}?\b(?:by|from|of|in|published|commissioned)\s+(?:the\s+)?[A-Z]\w+)?",
)
_DEFINITE_SOURCE = re.compile(
    r"\b\w+['’]s\s+(?:\w+\s+)?(?:study|report|survey|review|analysis|data|figures|records?|"
    r"statement|accounts|budget|team|office|spokesperson|spokesman|spokeswoman)\s+"
    r"(?:" + _NAMED_VERBS + r")\b|"
    r"\b(?:the|this|its|their)\s+(?:study|report|survey|review|analysis|researchers|board|"
    r"council|ministry|department|office|government|agency|police|court|university|"
    r"institute|committee|commission|bank|bureau|authority|team|organi[sz]ers|club|company|"
    r"federation|league|school|district|hospital|clinic|union|parliament)(?:'s)?\s+"
    r"(?:\w+\s+)?(?:" + _NAMED_VERBS + r")\b",
    _I,
)
_PRONOUN_SAID = re.compile(
    rf"\b(?:he|she|they|él|ella|ellos|он|она|они)\s+(?:{_NAMED_VERBS})\b|"
    rf"\b(?:{_NAMED_VERBS})\s+(?:he|she|él|ella|он|она|они)\b",
    _I,
)
# A source too far from the claim to know: a survey of others, a seller of the product.
WEAK_SOURCE = re.compile(
    r"\b(?:visitor|customer|reader|online|user|shopper|guest|subscriber)s?\s+(?:survey|poll)\b|"
    r"\b(?:survey|poll)\s+(?:of|among)\s+(?:its\s+)?(?:visitors|customers|readers|users|"
    r"shoppers|subscribers)\b|\b(?:the\s+)?(?:maker|manufacturer|seller|vendor|brand)\s+of\b",
    _I,
)


# The last clause of a sentence, after a comma or a dash: where news puts "..., she said."
_TRAILING_TAG = re.compile(
    r"(?:[,،]|\s[—–-])\s*(?:[—–-]\s*)?([^,،;:.!?\"“”«»—–]{2,80}?)\s*[.!?…؟]*[\"”»]?\s*$"
)


# Verbs of saying (not of finding: a study "finds" facts, not words).
_SAYING = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|argued|argues|added|adds|wrote|writes|"
    r"insisted|insists|warned|warns|claimed|claims|explained|explains|noted|notes|"
    r"dijo|dice|afirmó|afirma|explicó|señaló|añadió|aseguró|asegura|declaró|"
    r"сказал\w*|заявил\w*|заявля\w*|сообщил\w*|отметил\w*|добавил\w*|подчеркнул\w*|"
    r"пояснил\w*|рассказал\w*|говорит)\b"
    r"|(?<!\w)[وف]?(?:قال|قالت|يقول|تقول|أضاف|أضافت|أكد|أكدت|أوضح|أوضحت|صرح|صرحت)(?!\w)",
    _I,
)


@dataclass(frozen=True)
class Cue:
    """A place in a sentence where a source is named (``named``) or only gestured at."""

    start: int
    end: int
    named: bool
    what: str
    why: str = ""


# Cues worked out once a sentence: every detector asks about the same sentences.
_CACHE: WeakKeyDictionary[Document, dict[tuple[str, int, int], list[Cue]]] = WeakKeyDictionary()


def _cached(
    kind: str, doc: Document, sentence: Sentence, find: Callable[[Document, Sentence], list[Cue]]
) -> list[Cue]:
    per_doc = _CACHE.setdefault(doc, {})
    key = (kind, sentence.start, sentence.end)
    if key not in per_doc:
        per_doc[key] = find(doc, sentence)
    return list(per_doc[key])


def vague_cues(doc: Document, sentence: Sentence) -> list[Cue]:
    """Phrases of ``sentence`` that credit a claim to nobody in particular."""
    return _cached("vague", doc, sentence, _vague_cues)


def named_cues(doc: Document, sentence: Sentence) -> list[Cue]:
    """Phrases of ``sentence`` that name a source a reader could look up."""
    return _cached("named", doc, sentence, _named_cues)


# Each pattern tried only where a word it can begin with starts (``scan.py``).
_VAGUE_SCAN = PatternSet([p for p, _why in VAGUE_PATTERNS])
_NAMED_SCAN = PatternSet([_ACCORDING, _LINK, _DONE_BY, _DEFINITE_SOURCE, _PRONOUN_SAID, _DOCUMENT])


@lru_cache(maxsize=4096)
def _is_named_verb(word: str) -> bool:
    return _NAMED_VERB.fullmatch(word) is not None


def _vague_cues(doc: Document, sentence: Sentence) -> list[Cue]:
    text = doc.text
    out = []
    found = _VAGUE_SCAN.matches(text, sentence.start, sentence.end)
    for (_pattern, why), matches in zip(VAGUE_PATTERNS, found, strict=True):
        for m in matches:
            before = text[max(sentence.start, m.start() - 8) : m.start()].lower()
            if before.endswith(_DEFINITE) or re.search(r"\w['’]s\s+$", before):
                continue  # "the researchers found", "the district's report says": named
            out.append(Cue(m.start(), m.end(), False, m.group(), why))
    return out


def _caseless(word: str) -> bool:
    """A word of a script without capital letters (Arabic, Hebrew)."""
    return not any(c.isupper() or c.islower() for c in word)


def _is_name(word: str, first: bool) -> bool:
    if not word[:1].isupper() or first:
        return False
    return word.lower() not in {"i", "the", "a", "an", "this", "that", "it"}


def _named_cues(doc: Document, sentence: Sentence) -> list[Cue]:
    text = doc.text[sentence.start : sentence.end]
    base = sentence.start
    out: list[Cue] = []
    vague = vague_cues(doc, sentence)

    def covered(s: int, e: int) -> bool:
        return any(v.start <= base + s < v.end or v.start < base + e <= v.end for v in vague)

    according, links, done_by, definite_source, pronoun, documents = _NAMED_SCAN.matches(text)
    for m in according:
        tail = text[m.end() : m.end() + 40]
        if re.match(
            r"\s*(?:some|many|several|unnamed|anonymous|recent|various|algun|fuentes|"
            r"se\s+dice|reports\b|sources\b|experts\b|estimates\b|estimaciones|expertos|"
            r"некоторы|неофициальн|различн|ряд[уа]?\b|СМИ|экспертов|источник|инсайдер|"
            r"(?:ال)?(?:بعض|مصادر|مصدر|تقارير|تقديرات\s+غير|خبراء|مراقبين|شهود|ما\s+يقال))",
            tail,
            _I,
        ):
            continue
        out.append(Cue(base + m.start(), base + m.end(), True, m.group()))
    for m in links:
        out.append(Cue(base + m.start(), base + m.end(), True, "a link"))
    for m in done_by:
        if not covered(m.start(), m.end()):
            out.append(Cue(base + m.start(), base + m.end(), True, m.group()))
    for matches in (definite_source, pronoun):
        for m in matches:
            if not covered(m.start(), m.end()):
                out.append(Cue(base + m.start(), base + m.end(), True, m.group()))
    for m in documents:
        named_by = re.search(
            r"\b(?:by|from|of|in|published|commissioned)\s+(?:the\s+)?[A-Z]", m.group()
        )
        definite = m.group().split()[0].lower() in {"the", "this", "that", "its", "their"}
        if (named_by or definite) and not covered(m.start(), m.end()):
            out.append(Cue(base + m.start(), base + m.end(), True, m.group()))
    words = list(re.finditer(r"[\w'’.-]+", text))
    for i, w in enumerate(words):
        if not _is_named_verb(w.group()):
            continue
        before = words[max(0, i - 8) : i]
        after = words[i + 1 : i + 4]
        names = [b for b in before if _is_name(b.group(), b.start() == words[0].start())]
        first_word = words[0].group()
        lead = i == 1 or (i == 2 and first_word.endswith(("'s", "’s")))
        if lead and first_word[:1].isupper() and not covered(words[0].start(), w.end()):
            names.append(words[0])  # "Venn says ...", "Venn's team found ..."
        if not any(c.isupper() or c.islower() for c in w.group()) and not covered(
            w.start(), w.end()
        ):
            names.append(w)  # a script without capitals (Arabic): the verb is all we have
        names += [a for a in after if _is_name(a.group(), False)]
        if names and not covered(w.start(), w.end()):
            first = min([w, *names], key=lambda x: x.start())
            last = max([w, *names], key=lambda x: x.end())
            out.append(
                Cue(base + first.start(), base + last.end(), True, text[first.start() : last.end()])
            )
    return out


def source_for(doc: Document, start: int, end: int) -> tuple[str, Cue | None]:
    """Whether the claim at [start, end) is sourced: ("named" | "weak" | "vague" | "none", cue).

    The cue nearest before the claim in its sentence governs, else the nearest after it;
    a sentence with no cue at all borrows the one before it in the same paragraph."""
    sentence = doc.sentence_at(start)
    cues = named_cues(doc, sentence) + vague_cues(doc, sentence)
    if not cues:
        previous = doc.previous_sentence(start)
        if previous is None:
            return "none", None
        cues = named_cues(doc, previous) + vague_cues(doc, previous)
        if not cues:
            return "none", None
        cue = max(cues, key=lambda c: (c.start, not c.named))
    else:
        before = [c for c in cues if c.start < start]
        cue = (
            max(before, key=lambda c: (c.start, not c.named))
            if before
            else min(cues, key=lambda c: (c.start, c.named))
        )
    if not cue.named:
        return "vague", cue
    weak = WEAK_SOURCE.search(doc.text, sentence.start, sentence.end)
    return ("weak" if weak else "named"), cue


def speaker_of(doc: Document, start: int, end: int) -> str | None:
    """Why the words at [start, end) are someone else's, not the writer's, or None.

    Words inside quotation marks credited in their sentence (or the one either side) to a
    speaker, words after a named speaker's verb of saying or thinking, and words of a
    sentence that ends with its attribution (", the charity says.", ", — заявил тренер.")
    are that speaker's; an unnamed speaker ("critics say") credits nobody."""
    sentence = doc.sentence_at(start)
    if doc.quotation_at(start, end) is not None:
        around = [sentence, doc.previous_sentence(start), doc.next_sentence(start)]
        for s in around:
            if s is not None and SPEECH_VERB.search(doc.text, s.start, s.end):
                return "inside a quotation credited to a speaker"
        return "inside quotation marks"
    head = doc.text[sentence.start : start]
    vague = vague_cues(doc, sentence)
    for m in SPEECH_VERB.finditer(head):
        if _caseless(m.group()):
            # A script without capitals (Arabic) puts the verb first ("قال الوزير إن ..."):
            # what follows a verb of saying is the speaker's, unless the speaker is unnamed.
            at = sentence.start + m.start()
            if not any(v.start <= at < v.end for v in vague):
                return "reported as a speaker's view"
            continue
        subject = head[: m.start()]
        words = re.findall(r"[\w'’-]+", subject)
        if any(
            _is_name(w, i == 0) for i, w in enumerate(words[-8:] if len(words) > 8 else words)
        ) or (
            words
            and words[0][:1].isupper()
            and len(words) <= 2
            and words[0].lower() not in {"some", "many", "critics", "experts", "it", "this", "the"}
        ):
            return "reported as a named speaker's view"
    # A headline's wording is the editor's, whoever it credits ("..., Study Finds").
    tag = _TRAILING_TAG.search(doc.text, end, sentence.end) if sentence.block else None
    if tag and len(tag.group(1).split()) <= 7:
        clause = tag.group(1)
        credited = _SAYING.search(clause) or _ACCORDING.match(clause)
        at = tag.start(1)
        if credited and not any(v.end > at for v in vague):
            return "credited to a speaker at the end of its sentence"
    return None
