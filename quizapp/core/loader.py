"""Load quiz files into ``Quiz`` values, reporting every problem of a file in one go."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from quizapp.core.anchor import AnchorError, Selector, anchor
from quizapp.core.article import Article, ArticleError, read_article
from quizapp.core.build import build_questions
from quizapp.core.errors import QuestionTypeError, QuizError, QuizFileError
from quizapp.core.fields import ID_PATTERN, Fields, did_you_mean
from quizapp.core.gcpause import collector_paused
from quizapp.core.keys import answers_given, place_core, sentence_tokens, style_problem
from quizapp.core.model import LEVELS, RTL_LANGUAGES, Annotation, Quiz, Settings, Term
from quizapp.core.questions import get_type
from quizapp.core.questions.base import Question, QuizContext
from quizapp.core.questions.highlight import GAMING_LIMIT, HighlightQuestion, blind_name
from quizapp.core.skills import BUILTIN_SKILLS, NOTHING_WRONG, Skill, builtin_skill
from quizapp.core.texts import M_, N_, P_, Text, lower_first, translate, verbatim
from quizapp.core.yamlread import read_yaml

QUIZ_KEYS = {
    "id",
    "title",
    "level",
    "article",
    "language",
    "direction",
    "public",
    "summary",
    "skills",
    "annotations",
    "decoys",
    "questions",
    "settings",
    "glossary",
}
TERM_KEYS = {"term", "meaning"}
GLOSSARY_LIMIT = 12  # a box of words to know, not a dictionary
SPAN_KEYS = {
    "id",
    "skill",
    "quote",
    "prefix",
    "suffix",
    "occurrence",
    "explanation",
    "fix",
    "core",
    "arguable",
}
DECOY_KEYS = (SPAN_KEYS - {"skill", "core"}) | {"looks_like"}
SKILL_KEYS = {"id", "name", "definition", "tip", "translations"}
TRANSLATION_KEYS = {"name", "definition", "tip"}
SETTINGS_KEYS = {"pass_mark", "false_alarm_penalty", "edge_tolerance", "classify_items", "seed"}


def _settings(f: Fields) -> Settings:
    f.check_keys(SETTINGS_KEYS, M_("settings"))
    d = Settings()
    return Settings(
        pass_mark=f.number("pass_mark", d.pass_mark, 0.0, 1.0),
        false_alarm_penalty=f.number("false_alarm_penalty", d.false_alarm_penalty, 0.5, 4.0),
        edge_tolerance=f.whole("edge_tolerance", d.edge_tolerance, 0, 3),
        classify_items=f.whole("classify_items", d.classify_items, 0, 30),
        seed=f.whole("seed", d.seed, 0, 2**31),
    )


def _glossary(f: Fields, article: Article) -> tuple[Term, ...]:
    """Words to know: each term must appear in the article, so the box explains this text."""
    terms: list[Term] = []
    where = f.child("glossary")
    seen: set[str] = set()
    for i, raw in f.items("glossary"):
        tf = where.mapping(i, raw, "glossary")
        if tf is None:
            continue
        tf.check_keys(TERM_KEYS, M_("a glossary entry"))
        term = tf.text("term", required=True, limit=60)
        meaning = tf.text("meaning", required=True, limit=300)
        if not (term and meaning):
            continue
        if term.casefold() not in article.text.casefold():
            message = M_("'%(term)s' is not in the article", term=term)
            tf.error("term", message.with_fix(M_("give a word as the article spells it")))
        elif term.casefold() in seen:
            tf.error("term", M_("'%(term)s' is listed twice", term=term))
        else:
            seen.add(term.casefold())
            terms.append(Term(term, meaning))
    if len(terms) > GLOSSARY_LIMIT:
        message = P_("%(num)d term", "%(num)d terms", len(terms), num=len(terms))
        fix = M_("keep the %(limit)d a reader most needs", limit=GLOSSARY_LIMIT)
        f.error("glossary", message.with_fix(fix))
    return tuple(terms)


def _in_language(sf: Fields, skill: Skill, language: str) -> Skill:
    """A custom skill with its texts in the quiz's language, when its ``translations`` give
    them (a skill shared by quizzes in several languages keeps one definition, in English)."""
    if not sf.has("translations"):
        return skill
    where = sf.child("translations")
    if not isinstance(sf.data["translations"], dict):
        message = M_("'translations' maps a language code to name, definition, tip")
        sf.error("translations", message)
        return skill
    chosen = skill
    base = language.split("-")[0].lower()
    for code, raw in sf.data["translations"].items():
        tf = where.mapping(code, raw, "translations")
        if tf is None:
            continue
        tf.check_keys(TRANSLATION_KEYS, M_("a skill's translation"))
        texts = (
            tf.text("name", required=True, limit=60),
            tf.text("definition", required=True, limit=300),
            tf.text("tip", required=True),
        )
        if str(code).split("-")[0].lower() == base and all(texts):
            chosen = replace(skill, name=texts[0], definition=texts[1], tip=texts[2])
    return replace(chosen, english=(skill.name, skill.definition, skill.tip))


def _skills(f: Fields, misspelt: set[str], language: str = "en") -> dict[str, Skill]:
    """The quiz's skills (built-in ones in the quiz's ``language``); ids that failed go into
    ``misspelt`` so their uses stay quiet."""
    skills: dict[str, Skill] = {}
    where = f.child("skills")
    for i, raw in f.items("skills", required=True):
        if isinstance(raw, str):
            if raw not in BUILTIN_SKILLS:
                near = difflib.get_close_matches(raw, list(BUILTIN_SKILLS), n=1, cutoff=0.75)
                hint = (
                    M_("did you mean '%(word)s'?", word=near[0])
                    if near
                    else M_(
                        "built in are %(skills)s, or define it with id, name, definition and tip",
                        skills=", ".join(BUILTIN_SKILLS),
                    )
                )
                where.error(i, M_("unknown skill '%(value)s'", value=raw).with_fix(hint))
                misspelt.update([raw, *near])
                continue
            skill = builtin_skill(raw, language)
        else:
            sf = where.mapping(i, raw, "skills")
            if sf is None:
                continue
            sf.check_keys(SKILL_KEYS, M_("a skill"))
            skill = Skill(
                sf.ident("id", required=True),
                sf.text("name", required=True, limit=60),
                sf.text("definition", required=True, limit=300),
                sf.text("tip", required=True),
            )
            if skill.id in BUILTIN_SKILLS:
                message = M_("'%(id)s' is built in", id=skill.id)
                sf.error("id", message.with_fix(M_("list it by its id alone")))
                continue
            if skill.id == NOTHING_WRONG:
                message = M_("'%(id)s' is the answer for decoys", id=NOTHING_WRONG)
                sf.error("id", message.with_fix(M_("choose another id")))
                continue
            if not all((skill.id, skill.name, skill.definition, skill.tip)):
                # Its errors are recorded; questions must not be built on a half-made skill.
                misspelt.add(skill.id)
                continue
            skill = _in_language(sf, skill, language)
            # What a built prompt calls one instance ("every <one>"), in the quiz's language.
            one = translate(language, N_("passage showing %(name)s"), name=lower_first(skill.name))
            skill = replace(skill, noun=one)
        if skill.id in skills:
            where.error(i, M_("skill '%(id)s' is listed twice", id=skill.id))
        skills[skill.id] = skill
    return skills


def _selector(sf: Fields) -> Selector:
    for k in ("prefix", "suffix"):
        if sf.has(k) and not isinstance(sf.data[k], str):
            sf.error(k, M_("'%(key)s' must be text copied from the article", key=k))
    return Selector(
        sf.text("quote", required=True, limit=1000),
        sf.data["prefix"] if isinstance(sf.data.get("prefix"), str) else "",
        sf.data["suffix"] if isinstance(sf.data.get("suffix"), str) else "",
        sf.whole("occurrence", 0, 1, 10_000) or None,
    )


def _place(sf: Fields, article: Article, selector: Selector) -> tuple[int, int, range] | None:
    """Anchor the quote and check it selects whole words within one paragraph."""
    try:
        start, end = anchor(article.text, selector, article.folded)
    except AnchorError as exc:
        sf.error(exc.key, exc.text)
        return None
    quote = selector.quote
    if "\n" in article.text[start:end]:
        message = M_('quote "%(quote)s" runs across a paragraph break', quote=quote)
        sf.error("quote", message.with_fix(M_("quote one paragraph")))
        return None
    tokens = article.token_span(start, end)
    if not tokens:
        message = M_('quote "%(quote)s" holds no word to select', quote=quote)
        sf.error("quote", message.with_fix(M_("quote words, not punctuation")))
        return None
    first, last = article.token_bounds(tokens.start), article.token_bounds(tokens.stop - 1)
    if first[0] < start or last[1] > end:
        cut_start, cut_end = first if first[0] < start else last
        word = article.text[cut_start:cut_end]
        message = M_('quote "%(quote)s" cuts the word "%(word)s"', quote=quote, word=word)
        sf.error("quote", message.with_fix(M_("quote whole words")))
        return None
    return start, end, tokens


def _spans(
    f: Fields,
    key: str,
    article: Article,
    skills: dict[str, Skill],
    misspelt: set[str],
    annotations: dict[str, Annotation] | None = None,
) -> dict[str, Annotation]:
    """Annotations, or decoys (given the annotations, which they must not repeat)."""
    decoy = annotations is not None
    out: dict[str, Annotation] = {}
    lines: dict[str, int] = {}
    listing = f.child(key)
    for i, raw in f.items(key, required=not decoy):
        sf = listing.mapping(i, raw, key)
        if sf is None:
            continue
        sf.check_keys(
            DECOY_KEYS if decoy else SPAN_KEYS, M_("a decoy") if decoy else M_("an annotation")
        )
        skill_key = "looks_like" if decoy else "skill"
        skill = sf.text(skill_key, required=True)
        if skill and skill not in skills and skill not in misspelt:
            hint = did_you_mean(skill, list(skills)) or M_("add it to 'skills'")
            message = M_("skill '%(skill)s' is not in the quiz's skills", skill=skill)
            sf.error(skill_key, message.with_fix(hint))
        span_id = sf.ident("id", default=f"{'decoy' if decoy else skill or 'span'}-{i + 1}")
        selector = _selector(sf)
        explanation = sf.text("explanation", required=True)
        fix = sf.text("fix")
        core_text = "" if decoy else sf.text("core", limit=1000)
        arguable = sf.flag("arguable", False)
        line = sf.located.where(sf.path)[0]
        if span_id in out or (annotations and span_id in annotations):
            first = lines.get(span_id) or (annotations[span_id].line if annotations else 0)
            message = M_("the id '%(id)s' is used already (line %(line)d)", id=span_id, line=first)
            sf.error("id", message.with_fix(M_("give each its own")))
            continue
        lines[span_id] = line
        placed = _place(sf, article, selector) if selector.quote else None
        if placed is None:
            continue
        start, end, tokens = placed
        same = [a for a in (annotations or {}).values() if (a.start, a.end) == (start, end)]
        if same:
            message = M_(
                "decoy '%(id)s' marks the same words as annotation '%(other)s' (line %(line)d)",
                id=span_id, other=same[0].id, line=same[0].line,
            )  # fmt: skip
            sf.error("quote", message.with_fix(M_("a span is either a problem or fine")))
            continue
        core: range | None = None
        context: range | None = None
        if not decoy:
            core, problem = place_core(article, skill, start, end, tokens, core_text)
            if problem:
                sf.error("core", problem)
                continue
            context = sentence_tokens(article, start, end)
        a = Annotation(
            span_id, skill, selector, start, end, tokens, explanation, fix, decoy, line, core,
            arguable, context,
        )  # fmt: skip
        if not decoy and (problem := style_problem(article, a, bool(core_text))):
            sf.error("core" if core_text else "quote", problem)
            continue
        out[span_id] = a
    return out


def _questions(f: Fields, ctx: QuizContext) -> list[Question]:
    questions: list[Question] = []
    ids: set[str] = set()
    listing = f.child("questions")
    for i, raw in f.items("questions"):
        qf = listing.mapping(i, raw, "questions")
        if qf is None:
            continue
        type_id = qf.text("type", required=True)
        qid = qf.ident("id", default=f"q{i + 1}")
        if qid in ids:
            qf.error("id", M_("two questions have the id '%(id)s'", id=qid))
        ids.add(qid)
        if not type_id:
            continue
        try:
            cls = get_type(type_id)
        except QuestionTypeError as exc:
            qf.error("type", exc.text or verbatim(str(exc)))
            continue
        q = cls.load(qf, ctx, qid)
        if q is not None:
            for problem in q.problems():
                qf.error(None, problem)
            if qf.has("prompt") and isinstance(q, HighlightQuestion):
                # A highlight prompt's examples must not be its answers; a choice question
                # may well ask about a phrase of the article.
                for example, a in answers_given(q.prompt, ctx.article, ctx.annotations.values()):
                    qf.error("prompt", _given_away(M_("the prompt"), example, a))
            questions.append(q)
    return questions


def _given_away(where: Text, example: str, a: Annotation) -> Text:
    message = M_(
        "%(where)s gives \"%(example)s\" as an example, but that is an answer in this article "
        "(annotation '%(id)s', line %(line)d)",
        where=where, example=example, id=a.id, line=a.line,
    )  # fmt: skip
    return message.with_fix(M_("choose an example the article does not hold"))


def _check_skill_examples(top: Fields, ctx: QuizContext) -> None:
    """A custom skill's definition and tip are shown with its questions: no answers in them."""
    entries = top.data.get("skills")
    for i, skill in enumerate(ctx.skills.values()):
        if skill.id in BUILTIN_SKILLS or not isinstance(entries, list) or i >= len(entries):
            continue
        for key, text, its in (
            ("definition", skill.definition, M_("its definition")),
            ("tip", skill.tip, M_("its tip")),
        ):
            for example, a in answers_given(text, ctx.article, ctx.annotations.values()):
                top.child("skills", i).error(key, _given_away(its, example, a))


def _check_built(top: Fields, questions: list[Question], order: list[str]) -> None:
    """A built question that a blind selection could pass is the fault of its widest span."""
    for q in questions:
        if not isinstance(q, HighlightQuestion):
            continue
        what, score = q.worst_blind_selection()
        if score <= GAMING_LIMIT:
            continue
        widest = max(q.targets, key=lambda a: len(a.tokens))
        covered = len({i for a in q.targets for i in a.tokens})
        message = P_(
            "annotation '%(id)s' and the other %(skill)s spans cover %(covered)d of %(total)d "
            "word: %(what)s would score %(score).2f in the built question (the limit is "
            "%(limit)s)",
            "annotation '%(id)s' and the other %(skill)s spans cover %(covered)d of %(total)d "
            "words: %(what)s would score %(score).2f in the built question (the limit is "
            "%(limit)s)",
            len(q.scope_tokens), id=widest.id, skill=q.skills[0].name.lower(), covered=covered,
            total=len(q.scope_tokens), what=blind_name(what), score=score,
            limit=str(GAMING_LIMIT),
        )  # fmt: skip
        fix = M_("quote only the words that show the problem")
        top.child("annotations", order.index(widest.id)).error("quote", message.with_fix(fix))


ArticleSource = Callable[[str], Article]


def folder_articles(seeds: Path) -> ArticleSource:
    """Articles read from the files of a folder (``seeds/``)."""

    def read(name: str) -> Article:
        path = seeds / name
        try:
            found = path.is_file()
        except OSError:  # a name too long for the file system is no file either
            found = False
        if not found:
            known = sorted(p.name for p in seeds.glob("*.txt")) if seeds.is_dir() else []
            hint = did_you_mean(name, known) or M_("check the file name")
            message = M_(
                "there is no article '%(name)s' in %(folder)s/", name=name, folder=seeds.name
            )
            raise ArticleError(message.with_fix(hint))
        return read_article(path)

    return read


def _article(f: Fields, articles: ArticleSource) -> Article | None:
    name = f.text("article", required=True)
    if not name:
        return None
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or len(pure.parts) != 1:
        message = M_(
            "'%(name)s' must be a file name inside seeds/, like 001_my-article.txt", name=name
        )
        f.error("article", message)
        return None
    try:
        return articles(name)
    except ArticleError as exc:
        f.error("article", exc.text)
        return None


def load_quiz(path: Path, seeds: Path, *, display_name: str | None = None) -> Quiz:
    """Load and check one quiz file; raise QuizFileError with every problem found."""
    name = display_name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QuizFileError(
            [
                QuizError.of(
                    name, 1, 1, M_("cannot read the file (%(reason)s)", reason=str(exc.strerror))
                )
            ]
        ) from exc
    return load_quiz_source(data, folder_articles(seeds), name=name, stem=path.stem)


def load_quiz_source(
    data: bytes, articles: ArticleSource, *, name: str, stem: str | None = None
) -> Quiz:
    """Load a quiz from its YAML bytes, its article from ``articles`` (a stored version, say).

    ``stem``, when given, is the file name the quiz id must match."""
    located, yaml_problems = read_yaml(data)
    errors = [QuizError.of(name, p.line, p.column, p.text) for p in yaml_problems]
    if located is None:
        raise QuizFileError(errors)
    if not isinstance(located.data, dict):
        line, col = located.where(())
        what = (
            M_(
                "a quiz is a mapping of keys, but this is a list (lines starting with '- ')"
            ).with_fix(M_("remove the '- ' before id:, title:, ..."))
            if isinstance(located.data, list)
            else M_("a quiz is a mapping of keys, but this is a single value").with_fix(
                M_("write keys such as 'id: my-quiz' on their own lines")
            )
        )
        errors.append(QuizError.of(name, line, col, what))
        raise QuizFileError(errors)
    top = Fields(located.data, (), located, errors, name)
    quiz = _quiz(top, stem, articles, data, name)
    if errors or quiz is None:
        raise QuizFileError(errors)
    return quiz


def _quiz(
    top: Fields, stem: str | None, articles: ArticleSource, data: bytes, source: str
) -> Quiz | None:
    top.check_keys(QUIZ_KEYS, M_("a quiz"))
    quiz_id = top.ident("id", required=True)
    if quiz_id and ID_PATTERN.match(quiz_id) and stem is not None and stem != quiz_id:
        message = M_("the id '%(id)s' differs from the file name", id=quiz_id)
        fix = M_("rename the file %(id)s.yaml or change the id", id=quiz_id)
        top.error("id", message.with_fix(fix))
    title = top.text("title", required=True, limit=200)
    level = top.choice("level", LEVELS, required=True, default="intermediate")
    language = top.text("language", default="en", limit=20)
    rtl = language.split("-")[0].lower() in RTL_LANGUAGES
    direction = top.choice(
        "direction", ("ltr", "rtl"), required=False, default="rtl" if rtl else "ltr"
    )
    public = top.flag("public", True)
    summary = top.text("summary", limit=500)
    settings = _settings(top.child("settings")) if top.has("settings") else Settings()
    if top.has("settings") and not isinstance(top.data["settings"], dict):
        top.error("settings", M_("'settings' must be a mapping of keys"))
    misspelt: set[str] = set()
    skills = _skills(top, misspelt, language)
    article = _article(top, articles)
    if article is None:
        return None
    glossary = _glossary(top, article) if top.has("glossary") else ()
    annotations = _spans(top, "annotations", article, skills, misspelt)
    decoys = _spans(top, "decoys", article, skills, misspelt, annotations)
    ctx = QuizContext(article, annotations, decoys, skills, settings, language)
    _check_skill_examples(top, ctx)
    if top.has("questions"):
        questions = _questions(top, ctx)
        if not questions and not top.sink:
            message = M_("'questions' is empty").with_fix(M_("remove it to build questions"))
            top.error("questions", message)
    elif top.sink:
        return None
    else:
        questions = build_questions(ctx, settings.seed)
        _check_built(top, questions, list(annotations))
    unused = [s for s in skills if not any(a.skill == s for a in annotations.values())]
    for s in unused:
        message = M_("skill '%(id)s' has no annotation", id=s)
        top.error("skills", message.with_fix(M_("annotate a span or remove it")))
    version = hashlib.sha256(data + b"\0" + article.text.encode("utf-8")).hexdigest()
    return Quiz(
        quiz_id,
        title,
        level,
        language,
        direction,
        article,
        tuple(skills.values()),
        tuple(annotations.values()),
        tuple(decoys.values()),
        tuple(questions),
        settings,
        summary,
        public,
        source,
        version,
        data.decode("utf-8"),
        glossary,
    )


@dataclass(frozen=True)
class Bank:
    """Every quiz of a folder that loaded, and every error of those that did not."""

    quizzes: tuple[Quiz, ...]
    errors: tuple[QuizError, ...]
    files: int

    def get(self, quiz_id: str) -> Quiz:
        for q in self.quizzes:
            if q.id == quiz_id:
                return q
        raise KeyError(quiz_id)


def load_files(paths: list[Path], seeds: Path, root: Path | None = None) -> Bank:
    """Load the given quiz files; quiz ids and custom skills must agree across files."""
    with collector_paused():
        return _load_files(paths, seeds, root)


def _load_files(paths: list[Path], seeds: Path, root: Path | None) -> Bank:
    quizzes: dict[str, Quiz] = {}  # by id: a scan of every quiz loaded was quadratic
    errors: list[QuizError] = []
    skills: dict[str, tuple[Skill, str]] = {}
    for path in paths:
        shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        try:
            quiz = load_quiz(path, seeds, display_name=shown)
        except QuizFileError as exc:
            errors.extend(exc.errors)
            continue
        other = quizzes.get(quiz.id)
        if other is not None:
            message = M_("quiz id '%(id)s' is also used by %(file)s", id=quiz.id, file=other.source)
            errors.append(QuizError.of(shown, 1, 1, message))
            continue
        for s in quiz.skills:
            if s.id in BUILTIN_SKILLS:
                continue  # one definition already, told in each quiz's language
            seen = skills.setdefault(s.id, (s, shown))
            if seen[0].english_texts != s.english_texts:
                message = M_(
                    "skill '%(id)s' is defined differently in %(file)s", id=s.id, file=seen[1]
                )
                errors.append(QuizError.of(shown, 1, 1, message.with_fix(M_("use one definition"))))
        quizzes[quiz.id] = quiz
    return Bank(tuple(quizzes.values()), tuple(errors), len(paths))


def load_bank(quizzes_dir: Path, seeds: Path, root: Path | None = None) -> Bank:
    """Load every ``*.yaml`` quiz of a folder."""
    return load_files(sorted(quizzes_dir.glob("*.yaml")), seeds, root)
