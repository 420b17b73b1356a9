"""Who is speaking: cues that name a source, and cues that only gesture at one.

Shared by the statistics, attribution and loaded-language detectors. The patterns come from
newsroom style guides (AP, Reuters, the BBC's): a claim is attributed when it names who
says it ("according to the finance office", "Dr Venn said", "a 2022 review by the Global
Reef Restoration Network"); "experts say", "reports suggest" or "it is believed" only
sound like attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    )
)

_NAMED_VERBS = (
    r"said|says|told|stated|reported|reports|announced|confirmed|estimated|estimates|found|"
    r"finds|recorded|records|counted|published|wrote|writes|noted|notes|explained|added|"
    r"calculated|measured|showed|shows|concluded|cautioned|warned|argued|argues|insisted|"
    r"dijo|explicó|explico|afirmó|afirmo|señaló|senalo|informó|informo|declaró|declaro|"
    r"añadió|anadio|aseguró|aseguro|indicó|indico|сообщил|сообщила|сообщили|заявил|заявила|"
    r"заявили|сказал|сказала|сказали|отметил|отметила|"
    r"و?(?:قال|قالت|أعلن|أعلنت|صرح|صرحت|أفاد|أفادت|أوضح|أوضحت|ذكر|ذكرت)"
)
SPEECH_VERB = re.compile(
    rf"\b(?:{_NAMED_VERBS}|call(?:s|ed)?|describ(?:es|ed)|perceives?|views?|sees|"
    r"reiterated|expressed|accused|praised|condemned|denounced|urged|pledged|vowed)\b",
    _I,
)
_NAMED_VERB = re.compile(rf"\b(?:{_NAMED_VERBS})\b", _I)
_ACCORDING = re.compile(
    r"\b(?:according\s+to|as\s+reported\s+by|reported\s+by|data\s+from|figures\s+from|"
    r"seg[uú]n|de\s+acuerdo\s+con|selon|d'après|laut|zufolge|согласно|по\s+данным|"
    r"по\s+словам|وفقا\s+ل|وفقًا\s+ل|وفقاً\s+ل|حسب|بحسب|نقلا\s+عن)",
    _I,
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
    rf"\b(?:he|she|they|él|ella|ellos)\s+(?:{_NAMED_VERBS})\b|"
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


@dataclass(frozen=True)
class Cue:
    """A place in a sentence where a source is named (``named``) or only gestured at."""

    start: int
    end: int
    named: bool
    what: str
    why: str = ""


def vague_cues(doc: Document, sentence: Sentence) -> list[Cue]:
    """Phrases of ``sentence`` that credit a claim to nobody in particular."""
    text = doc.text
    out = []
    for pattern, why in VAGUE_PATTERNS:
        for m in pattern.finditer(text, sentence.start, sentence.end):
            before = text[max(sentence.start, m.start() - 8) : m.start()].lower()
            if before.endswith(_DEFINITE) or re.search(r"\w['’]s\s+$", before):
                continue  # "the researchers found", "the district's report says": named
            out.append(Cue(m.start(), m.end(), False, m.group(), why))
    return out


def _is_name(word: str, first: bool) -> bool:
    if not word[:1].isupper() or first:
        return False
    return word.lower() not in {"i", "the", "a", "an", "this", "that", "it"}


def named_cues(doc: Document, sentence: Sentence) -> list[Cue]:
    """Phrases of ``sentence`` that name a source a reader could look up."""
    text = doc.text[sentence.start : sentence.end]
    base = sentence.start
    out: list[Cue] = []
    vague = vague_cues(doc, sentence)

    def covered(s: int, e: int) -> bool:
        return any(v.start <= base + s < v.end or v.start < base + e <= v.end for v in vague)

    for m in _ACCORDING.finditer(text):
        tail = text[m.end() : m.end() + 40]
        if re.match(
            r"\s*(?:some|many|several|unnamed|anonymous|recent|various|algun|fuentes|"
            r"se\s+dice|reports\b|sources\b|experts\b|estimates\b)",
            tail,
            _I,
        ):
            continue
        out.append(Cue(base + m.start(), base + m.end(), True, m.group()))
    for m in _LINK.finditer(text):
        out.append(Cue(base + m.start(), base + m.end(), True, "a link"))
    for pattern in (_DEFINITE_SOURCE, _PRONOUN_SAID):
        for m in pattern.finditer(text):
            if not covered(m.start(), m.end()):
                out.append(Cue(base + m.start(), base + m.end(), True, m.group()))
    for m in _DOCUMENT.finditer(text):
        named_by = re.search(
            r"\b(?:by|from|of|in|published|commissioned)\s+(?:the\s+)?[A-Z]", m.group()
        )
        definite = m.group().split()[0].lower() in {"the", "this", "that", "its", "their"}
        if (named_by or definite) and not covered(m.start(), m.end()):
            out.append(Cue(base + m.start(), base + m.end(), True, m.group()))
    words = list(re.finditer(r"[\w'’.-]+", text))
    for i, w in enumerate(words):
        if not _NAMED_VERB.fullmatch(w.group()):
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
    speaker, and words after a named speaker's verb of saying or thinking, are that
    speaker's."""
    sentence = doc.sentence_at(start)
    if doc.quotation_at(start, end) is not None:
        around = [sentence, doc.previous_sentence(start), doc.next_sentence(start)]
        for s in around:
            if s is not None and SPEECH_VERB.search(doc.text, s.start, s.end):
                return "inside a quotation credited to a speaker"
        return "inside quotation marks"
    head = doc.text[sentence.start : start]
    for m in SPEECH_VERB.finditer(head):
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
    return None
