"""The words the quiz editor's scripts (static/js/editor.js, static/js/editor/*.js) show and
announce, in the teacher's language: rendered as JSON into the editor's ``data-editor-texts``
attribute and read by static/js/editor/texts.js, as quizapp/web/jstexts.py does for the quiz
page. Placeholders are ``{name}``, filled by the script; a plural is every form of the
language by CLDR category."""

from __future__ import annotations

import json

from flask_babel import gettext as _
from flask_babel import ngettext

from quizapp.web.jstexts import Forms, _forms

N = "{n}"


def _quote_marks() -> tuple[str, str]:
    before, _sep, after = _("“%(quote)s”", quote="\x00").partition("\x00")
    return before, after


def editor_texts() -> dict[str, str | Forms]:
    """Every text of the editor's scripts, by key."""
    quote_open, quote_close = _quote_marks()
    return {
        "noSkill": _("no skill"),
        "accepted": _("Accepted “%(quote)s” as %(skill)s.", quote="{quote}", skill="{skill}"),
        "rejected": _("Rejected “%(quote)s”.", quote="{quote}"),
        "writeConfidence": _("Write a confidence from 0 to 1."),
        "confidence": _("confidence %(confidence)s", confidence="{value}"),
        # The language's quotation marks around a quote, as the pages write them.
        "quoteOpen": quote_open,
        "quoteClose": quote_close,
        "acceptedAbove": _forms(
            lambda n: ngettext(
                "Accepted %(count)s suggestion with a confidence of at least %(least)s.",
                "Accepted %(count)s suggestions with a confidence of at least %(least)s.",
                n,
                count=N,
                least="{least}",
            )  # fmt: skip
        ),
        "accept": _("Accept"),
        "edit": _("Edit"),
        "reject": _("Reject"),
        "delete": _("Delete"),
        "done": _("Done"),
        "noSuggestionsLeft": _("No suggestions left."),
        "noSuggestions": _("No suggestions for this article."),
        "addedProblem": _(
            "Added “%(quote)s” as a problem. Write its explanation.", quote="{quote}"
        ),
        "addedDecoy": _("Added “%(quote)s” as a decoy. Write its explanation.", quote="{quote}"),
        # Translators: read after "Edit" or "Delete" by a screen reader.
        "problemQuote": _("Problem “%(quote)s”", quote="{quote}"),
        "decoyQuote": _("Decoy “%(quote)s”", quote="{quote}"),
        "noQuote": _("(no quote)"),
        "kindProblem": _("Problem: %(skill)s", skill="{skill}"),
        "kindDecoy": _("Decoy, looks like %(skill)s", skill="{skill}"),
        "arguableMark": _(" · arguable"),
        "coreMark": _(" · core “%(core)s”", core="{core}"),
        "noExplanation": _("No explanation yet."),
        "noneYet": _("None yet: accept a suggestion, or select words and add them."),
        "deleted": _("Deleted “%(quote)s”.", quote="{quote}"),
        "closed": _("Closed the annotation."),
        "problemN": _("Problem %(number)s", number=N),
        "decoyN": _("Decoy %(number)s", number=N),
        "quoteLabel": _("Quote:"),
        "useAsQuote": _("Use the selected words as the quote"),
        "looksLike": _("Looks like"),
        "skill": _("Skill"),
        "coreLabel": _("Core: the words that carry the problem (inside the quote)"),
        "coreHelp": _("Leave it empty to use the whole quote."),
        "useAsCore": _("Use the selected words as the core"),
        "arguableLabel": _("Arguable: careful readers may reasonably disagree"),
        "explanation": _("Explanation"),
        "explanationDecoy": _("Why these words are fine."),
        "explanationProblem": _("Why this is a problem, as the student will read it."),
        "fixLabel": _("Fix (optional)"),
        "fixHelp": _("How the writer could have done it right."),
        "coreInside": _("The core must be words inside the quote; select fewer words."),
        "quoteNow": _("The quote is now “%(quote)s”.", quote="{quote}"),
        "coreNow": _("The core is now “%(quote)s”.", quote="{quote}"),
        "saving": _("Saving…"),
        "saved": _("Saved"),
        "notSaved": _("Not saved: %(reason)s", reason="{reason}"),
        "serverAnswered": _("the server answered %(status)s", status="{status}"),
        "noConnection": _("Not saved: no connection to the server; trying again in a few seconds."),
        "conflict": _("Not saved: this draft was changed in another tab or window."),
        "reloadNewer": _("Reload the newer draft"),
        "conflictAnnounce": _(
            "Not saved: this draft was changed in another tab or window. Reload to see it."
        ),
        "saveFirst": _("Save the draft first."),
        "savingVersion": _("Saving a version…"),
        "savedAsVersion": _("Saved as a version (%(digest)s).", digest="{digest}"),
        "openQuiz": _("Open the quiz"),
        "assign": _("Assign it to a class"),
        "versionProblems": _forms(
            lambda n: ngettext(
                "Not saved as a version: %(count)s problem to fix, listed at the top.",
                "Not saved as a version: %(count)s problems to fix, listed at the top.",
                n,
                count=N,
            )  # fmt: skip
        ),
        "notVersion": _("Not saved as a version: %(reason)s", reason="{reason}"),
        "notVersionConnection": _("Not saved as a version: no connection to the server."),
        "notLoaded": _("Not loaded: %(reason)s. Reload the page.", reason="{reason}"),
        # anchor.js: a selection that cannot become a quote.
        "selectFirst": _("Select words in the article first."),
        "acrossParagraphs": _(
            "The selection runs across paragraphs; select words of one paragraph."
        ),
        "selectionGaps": _("Select one unbroken run of words (the selection has gaps)."),
        # messages.js: where a message of the validator points, before the message itself.
        "whereSkillNamed": _("Skill “%(skill)s”:", skill="{skill}"),
        "item.annotations": _("Problem %(number)s:", number=N),
        "item.decoys": _("Decoy %(number)s:", number=N),
        "item.questions": _("Question %(number)s:", number=N),
        "item.skills": _("Skill %(number)s:", number=N),
        "where.annotations": _("Problems:"),
        "where.decoys": _("Decoys:"),
        "where.questions": _("Questions:"),
        "whereQuiz": _("The quiz:"),
        "where.id": _("Id:"),
        "where.title": _("Title:"),
        "where.level": _("Level:"),
        "where.article": _("Article:"),
        "where.language": _("Language:"),
        "where.direction": _("Direction:"),
        "where.public": _("Public:"),
        "where.summary": _("Summary:"),
        "where.skills": _("Skills:"),
        "where.settings": _("Settings:"),
        "where.glossary": _("Glossary:"),
        # forms.js: the questions, skills and settings.
        "howMade": _("How the questions are made"),
        "builtLabel": _("Built automatically"),
        "builtHelp": _(
            "A spot question for each skill and classify questions drawn from the "
            "annotations, as the quiz files get them."
        ),
        "writtenLabel": _("Written by me"),
        "writtenHelp": _("Only the questions listed below."),
        # Translators: the kinds of question, as the quiz files name them (spot, label,
        # classify, choice).
        "type.spot": _("spot the problems"),
        "type.label": _("label the problems"),
        "type.classify": _("classify a phrase"),
        "type.choice": _("multiple choice"),
        "newType": _("Type of the new question"),
        "addQuestion": _("Add a question"),
        "writingQuestions": _forms(
            lambda n: ngettext(
                "Writing the questions: %(count)s question to start from.",
                "Writing the questions: %(count)s questions to start from.",
                n,
                count=N,
            )  # fmt: skip
        ),
        "builtAnnounce": _("Questions are built automatically."),
        "addedQuestion": _("Added question %(number)s, %(type)s.", number=N, type="{type}"),
        "movedQuestion": _("Question moved to place %(number)s.", number=N),
        "notMapping": _("Question %(number)s is not a mapping.", number=N),
        "questionN": _("Question %(number)s", number=N),
        # Translators: after "Move up", "Move down" or "Delete", for a screen reader.
        "questionLower": _("question %(number)s", number=N),
        "type": _("Type"),
        "questionId": _("Id (students never see it; keep it stable)"),
        "prompt": _("Prompt"),
        "promptOptional": _("Prompt (optional: a default is written for you)"),
        "points": _("Points (optional)"),
        "skillsAsked": _("Skills asked (none ticked: all the quiz's skills)"),
        "paragraphs": _("Paragraphs (numbers, 0 is the headline; empty: the whole article)"),
        "emptyOnPurpose": _("Nothing to find here on purpose"),
        "phraseAsked": _("The phrase asked about"),
        "chooseSpan": _("Choose an annotation or decoy"),
        "skillsOffered": _("Skills offered (none ticked: all)"),
        "moveUp": _("Move up"),
        "moveDown": _("Move down"),
        "deletedQuestion": _("Deleted question %(number)s.", number=N),
        "answersTick": _("Answers a student may tick"),
        "asManyAsCorrect": _("As many as are correct"),
        "one": _("One"),
        "several": _("Several"),
        "optionN": _("Option %(number)s", number=N),
        # Translators: after "Remove", for a screen reader.
        "optionLower": _("option %(number)s", number=N),
        "correct": _("Correct"),
        "feedback": _("Feedback (optional)"),
        "removedOption": _("Removed option %(number)s.", number=N),
        "remove": _("Remove"),
        "addOption": _("Add an option"),
        "builtinSkills": _("Built-in skills of this quiz"),
        "ownSkills": _("Your own skills"),
        "skillId": _("Id (lowercase letters, digits, hyphens)"),
        "name": _("Name"),
        "definition": _("Definition"),
        "tip": _("Tip"),
        "skillRemoved": _("Skill removed."),
        "removeSkill": _("Remove this skill"),
        "addSkill": _("Add a skill of your own"),
        "title": _("Title"),
        "summary": _("Summary (optional)"),
        "level": _("Level"),
        "level.beginner": _("beginner"),
        "level.intermediate": _("intermediate"),
        "level.advanced": _("advanced"),
        "articleLanguage": _("Language of the article (a code such as en, es, ar)"),
        "articleDirection": _("Direction of the article"),
        "fromLanguage": _("From the language"),
        "ltr": _("Left to right"),
        "rtl": _("Right to left"),
        "scoring": _("Scoring settings"),
        "passMark": _("Pass mark (0 to 1)"),
        "passMarkHelp": _("The share of the points needed to pass; 0.6 unless set."),
        "falseAlarm": _("Weight of a wrongly selected word (0.5 to 4)"),
        "oneUnlessSet": _("1 unless set."),
        "edgeTolerance": _("Words just outside a span not counted against a student (0 to 3)"),
        "classifyItems": _("Classify questions built (0 to 30)"),
        "classifyItemsHelp": _("4 unless set; unused when you write the questions."),
        "seed": _("Draw of the built classify questions (a whole number)"),
        "seedHelp": _("Change it for another draw."),
    }


def editor_texts_json() -> str:
    """The texts as JSON for an attribute (the template escapes it)."""
    return json.dumps(editor_texts(), ensure_ascii=False, separators=(",", ":"))
