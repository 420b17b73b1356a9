"""The quiz editor in Chromium (issue 15, "Done means"): a teacher pastes an article, accepts
three suggestions, rejects one, adds a decoy by highlighting, edits an explanation, meets and
fixes a validation error, previews, saves a version and assigns it; a student takes it; the
teacher exports it and ``quizapp validate`` accepts the export. Then the same by keyboard
alone, axe on the editor at 360 and 768 px, and an Arabic (right-to-left) article."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from quizapp.db.models import utcnow
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

ARTICLE = (
    "Council approves disastrous bus plan\n\n"
    "The council approved a shocking plan on Monday that will raise fares by 40%, experts say.\n\n"
    "Critics said the plan was a catastrophe. Sources close to the mayor said it would cost "
    "[insert figure here] million.\n\n"
    "The transport office said 1,200 people ride the number 9 bus every day, according to its "
    "2023 count.\n"
)
ARABIC = (
    "خطة جديدة للحافلات في المدينة\n\n"
    "قال خبراء إن الخطة ستكلف أكثر من 40% من الميزانية، وفقا لمصادر مطلعة.\n\n"
    "وقال مكتب النقل إن 1200 شخص يستقلون الحافلة كل يوم، بحسب إحصاء عام 2023.\n"
)
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
TABLET = {"viewport": {"width": 768, "height": 1024}, "has_touch": True}


def start_draft(page: Any, text: str = ARTICLE, language: str = "") -> int:
    """Paste the article on /author/new and start editing it."""
    page.goto("/author/new")
    page.get_by_label("The article").fill(text)
    if language:
        page.locator("form.ed-article #language").select_option(language)
    start = page.get_by_role("button", name="Start editing")
    if start.count():
        start.click()
    else:  # until /author/new has its button: the same form post the button makes
        page.evaluate(
            """([text, language]) => {
              const f = document.createElement('form');
              f.method = 'post'; f.action = '/author/drafts';
              const token = document.querySelector('meta[name="csrf-token"]').content;
              for (const [k, v] of Object.entries({csrf_token: token, text, language}))
                f.append(Object.assign(document.createElement('input'),
                                       {type: 'hidden', name: k, value: v}));
              document.body.append(f); f.submit();
            }""",
            [text, language],
        )
    page.wait_for_url(re.compile(r".*/author/drafts/\d+$"))
    expect(page.locator("#editor[data-ready='1']")).to_have_count(1)
    return int(page.url.rsplit("/", 1)[1])


def saved(page: Any) -> None:
    expect(page.locator("#ed-status")).to_have_text("Saved", timeout=10_000)


def suggestion(page: Any, quote: str) -> Any:
    return page.locator("#ed-sug-list li", has_text=f"“{quote}”")


def select_words(page: Any, *words: str) -> None:
    """Click each word in the article, as a student selects them."""
    page.get_by_role("button", name="Select in the article").click()
    for w in words:
        page.locator("#article .tok", has_text=re.compile(f"^{re.escape(w)}$")).first.click()


def logout(page: Any) -> None:
    page.get_by_role("button", name=re.compile(r"^Log out")).click()


def test_a_teacher_makes_a_quiz_in_the_browser(page: Any, tmp_path: Path) -> None:
    login(page, "teacher1")
    draft_id = start_draft(page)
    expect(page.locator("#article")).to_have_attribute("dir", "ltr")

    # Three suggestions accepted, one rejected.
    for quote in ("by 40%", "[insert figure here] million", "experts say"):
        suggestion(page, quote).get_by_role("button", name=re.compile("^Accept")).click()
    suggestion(page, "Critics said").get_by_role("button", name=re.compile("^Reject")).click()
    expect(suggestion(page, "Critics said")).to_have_count(0)
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(3)
    saved(page)

    # A decoy by highlighting: a figure whose source the sentence names.
    select_words(page, "1,200", "people")
    page.get_by_label("Skill of the selected words").select_option("unsupported-statistic")
    page.get_by_role("button", name="Add as a decoy").click()
    panel = page.locator("#ed-panel")
    expect(panel.get_by_text("“1,200 people”")).to_be_visible()
    panel.get_by_label("Explanation").fill("Fine: the transport office's own count is named.")
    panel.get_by_role("button", name="Done").click()
    expect(page.locator("#ed-list li.ed-item-decoy")).to_have_count(1)

    # An explanation edited; then emptied: the validator's message beside it, and fixed.
    page.locator("#ed-list li", has_text="“experts say”").get_by_role(
        "button", name=re.compile("^Edit")
    ).click()
    explanation = panel.get_by_label("Explanation")
    explanation.fill("")
    saved(page)
    expect(panel.locator(".ed-msg")).to_contain_text("explanation")
    expect(page.locator("#ed-summary")).to_be_visible()
    explanation.fill("Which experts? Nobody is named, so nobody can check the figure.")
    saved(page)
    expect(panel.locator(".ed-msg")).to_have_count(0)
    panel.get_by_role("button", name="Done").click()

    # The skeleton lists every built-in skill: one with no annotation is an error, shown
    # beside its box in the skills and in the summary at the top; unticked, it is gone.
    skills = page.locator("#ed-skills")
    expect(skills.locator(".ed-msg")).to_contain_text("'loaded-language' has no annotation")
    expect(page.locator("#ed-summary")).to_contain_text("has no annotation")
    skills.get_by_label("Loaded language").uncheck()
    saved(page)
    expect(page.locator("#ed-summary")).to_be_hidden()
    page.evaluate("window.scrollTo(0, 0); document.querySelector('.ed-side').scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "editor.png"))

    # Nothing lost on a reload, and the rejected suggestion stays rejected.
    page.reload()
    expect(page.locator("#editor[data-ready='1']")).to_have_count(1)
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(3)
    expect(page.locator("#ed-list li", has_text="Which experts?")).to_have_count(1)
    expect(suggestion(page, "Critics said")).to_have_count(0)
    expect(suggestion(page, "shocking plan")).to_have_count(1)

    # Preview as a student, in a new tab: the quiz page built from the draft.
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=re.compile("^Preview as a student")).click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator("h1")).to_have_text("Council approves disastrous bus plan")
    expect(preview.locator("#article .tok").first).to_be_visible()
    assert "Which experts?" not in preview.content()  # no answer key in a student's page
    preview.close()

    # Save a version.
    page.get_by_role("button", name="Save version").click()
    expect(page.locator("#ed-published")).to_contain_text("Saved as a version")
    assert page.console_errors == []
    quiz_id = page.evaluate(
        f"fetch('/author/drafts/{draft_id}/data').then(r => r.json()).then(d => d.document.id)"
    )

    # Assigned to Class 1 like a bank quiz.
    page.goto("/teach")
    page.get_by_role("link", name="Class 1").first.click()
    page.get_by_role("link", name="Assign a quiz").click()
    page.get_by_label("Quiz", exact=True).select_option(quiz_id)
    due = (utcnow() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label(re.compile(r"^Due \(")).fill(due)
    page.get_by_label("Right after each attempt").check()
    page.get_by_role("button", name="Assign").click()
    expect(page.locator(".flash-success")).to_contain_text("Assignment set")
    link = page.locator("table.grid a", has_text="Council approves disastrous bus plan").first
    assignment_id = int(link.get_attribute("href").rsplit("/", 1)[1])
    logout(page)

    # A student takes it: finds the placeholder, submits, gets the feedback.
    login(page, "alice")
    page.goto(f"/assignments/{assignment_id}")
    expect(page.locator("h1")).to_have_text("Council approves disastrous bus plan")
    for word in ("insert", "figure", "here"):
        page.locator("#article .tok", has_text=re.compile(f"^{word}$")).first.click()
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit for grading").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    expect(page.locator(".score-card")).to_be_visible()
    logout(page)

    # The teacher exports it; the file tools accept the export as it is.
    login(page, "teacher1")
    download = page.request.get(f"/author/quizzes/{quiz_id}/export.zip")
    assert download.status == 200
    folder = tmp_path / "export"
    zipfile.ZipFile(io.BytesIO(download.body())).extractall(folder)
    command = [str(Path(sys.executable).parent / "quizapp"), "validate"]
    done = subprocess.run(  # noqa: S603 - our own command on our own files
        [*command, str(folder / quiz_id / "quizzes")],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 of 1 quiz files valid" in done.stdout


def tab_to(page: Any, name: str, limit: int = 200) -> None:
    """Press Tab until the focused element's name (label, text or aria-label) starts with
    ``name``: how a keyboard user gets anywhere."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        got = page.evaluate(
            """() => { const el = document.activeElement;
                const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
                return (el.getAttribute('aria-label') || label || el.textContent || '')
                  .replace(/\\s+/g, ' ').trim(); }"""
        )
        if got.startswith(name):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_the_same_authoring_by_keyboard_alone(page: Any) -> None:
    login(page, "teacher1")
    start_draft(page)
    page.locator("h1").focus()

    tab_to(page, "Accept “by 40%”")
    page.keyboard.press("Enter")
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(1)
    # Marked words say what marks them to a screen reader, not by colour alone.
    word = page.locator("#article .tok", has_text=re.compile("^40%$"))
    expect(word).to_have_attribute("aria-describedby", "ed-d-ann")
    expect(page.locator("#article .tok", has_text=re.compile("^shocking$"))).to_have_attribute(
        "aria-describedby", "ed-d-sug"
    )
    tab_to(page, "Accept “experts say”")
    page.keyboard.press("Enter")
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(2)
    # Focus stays in the suggestions: the next one's Accept button.
    assert page.evaluate("document.activeElement.closest('#ed-sug-list') !== null")
    tab_to(page, "Reject “Critics said”")
    page.keyboard.press("Enter")
    expect(suggestion(page, "Critics said")).to_have_count(0)

    # A decoy selected by keyboard, as students select: to the article, down to the last
    # paragraph, right to "1,200", Space, Shift+Right to take in "people".
    page.locator("h1").focus()
    tab_to(page, "Select in the article")
    page.keyboard.press("Enter")  # the article takes the focus
    assert page.evaluate("document.activeElement.id") == "article"
    for key in ["ArrowDown"] * 3 + ["ArrowRight"] * 4:
        page.keyboard.press(key)
    page.keyboard.press("Space")
    page.keyboard.press("Shift+ArrowRight")
    expect(page.locator(".ed-select .selection-summary")).to_contain_text("“\u20681,200 people")
    page.keyboard.press("Escape")
    tab_to(page, "Add as a decoy")
    page.keyboard.press("Enter")
    panel = page.locator("#ed-panel")
    expect(panel.get_by_text("“1,200 people”")).to_be_visible()
    tab_to(page, "Explanation")
    page.keyboard.type("Fine: the transport office's own count is named.")
    page.keyboard.press("Escape")  # closes the annotation, back to its Edit button
    expect(panel).to_be_hidden()
    assert page.evaluate("document.activeElement.dataset.edit") == "decoys[0]"

    # Loaded language has no annotation: untick it from the keyboard, then save a version.
    tab_to(page, "Loaded language")
    page.keyboard.press("Space")
    saved(page)
    page.locator("h1").focus()
    tab_to(page, "Save version")
    page.keyboard.press("Enter")
    expect(page.locator("#ed-published")).to_contain_text("Saved as a version")
    assert page.console_errors == []


@pytest.mark.parametrize(("device", "width"), [(PHONE, 360), (TABLET, 768)])
def test_the_editor_on_a_phone_and_a_tablet(browser: Any, live_app: Any, device: Any,
                                            width: int) -> None:  # fmt: skip
    context = browser.new_context(base_url=live_app[1], **device)
    page = context.new_page()
    try:
        login(page, "teacher1")
        start_draft(page)
        suggestion(page, "by 40%").get_by_role("button", name=re.compile("^Accept")).click()
        saved(page)
        # Nothing wider than the screen; the list of annotations below the article.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        article = page.locator("#article").bounding_box()
        listing = page.locator("#ed-list").bounding_box()
        assert listing["y"] > article["y"] + article["height"]
        page.locator("#ed-list li", has_text="“by 40%”").get_by_role(
            "button", name=re.compile("^Edit")
        ).click()
        page.locator("#ed-panel").get_by_label("Explanation").fill("")
        saved(page)  # an error shown beside its field and in the summary
        expect(page.locator("#ed-panel .ed-msg")).to_have_count(1)
        assert violations(page) == []
        if width == 360:
            page.locator("#ed-panel").get_by_label("Explanation").fill(
                "A figure credited to nobody: which experts?"
            )
            saved(page)
            page.locator("#ed-panel").get_by_role("button", name="Done").click()
            page.locator(".ed-bar").evaluate("el => el.scrollIntoView()")
            page.screenshot(path=str(SCREENSHOTS / "editor-phone.png"))
    finally:
        context.close()


def test_an_arabic_article_is_edited_right_to_left(page: Any) -> None:
    login(page, "teacher1")
    start_draft(page, ARABIC, "ar")
    article = page.locator("#article")
    expect(article).to_have_attribute("dir", "rtl")
    expect(article).to_have_attribute("lang", "ar")
    # In right-to-left text the Left arrow goes on to the next word, as for students.
    page.get_by_role("button", name="Select in the article").click()
    for key in ["ArrowDown", "ArrowLeft", "Space"]:
        page.keyboard.press(key)
    page.get_by_role("button", name="Add as a problem").click()
    expect(page.locator("#ed-panel .ed-quote bdi")).to_have_text("خبراء")
    expect(page.locator("#ed-panel .ed-quote bdi")).to_have_attribute("lang", "ar")
    assert violations(page) == []
    assert page.console_errors == []


def test_questions_written_in_the_editor_reach_the_preview(page: Any) -> None:
    login(page, "teacher1")
    start_draft(page)
    for quote in ("by 40%", "experts say"):
        suggestion(page, quote).get_by_role("button", name=re.compile("^Accept")).click()
    page.locator("#ed-skills").get_by_label("Loaded language").uncheck()
    saved(page)
    expect(page.locator("#ed-summary")).to_be_hidden()

    questions = page.locator("#ed-questions")
    questions.get_by_label("Written by me").check()
    # Started from what the engine builds: a spot question a skill with a clear problem.
    expect(questions.locator(".ed-question")).to_have_count(2)
    questions.get_by_label("Type of the new question").select_option("choice")
    questions.get_by_role("button", name="Add a question").click()
    choice = questions.locator(".ed-question").nth(2)
    choice.get_by_label("Prompt").fill("What would let you trust the 40% figure?")
    choice.get_by_label("Option 1").fill("The name of who counted, and how.")
    choice.get_by_label("Option 2").fill("The words 'experts say'.")
    saved(page)
    expect(page.locator("#ed-summary")).to_be_hidden()
    # A classify question on no phrase: its message beside its field, until one is chosen.
    questions.get_by_label("Type of the new question").select_option("classify")
    questions.get_by_role("button", name="Add a question").click()
    classify = questions.locator(".ed-question").nth(3)
    classify.get_by_label("The phrase asked about").select_option("")
    saved(page)
    expect(classify.locator(".ed-msg")).to_have_count(1)
    classify.get_by_label("The phrase asked about").select_option("vague-attribution-1")
    saved(page)
    expect(page.locator("#ed-summary")).to_be_hidden()

    with page.context.expect_page() as opened:
        page.get_by_role("button", name=re.compile("^Preview as a student")).click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator("fieldset.question")).to_have_count(4)
    expect(preview.get_by_text("What would let you trust the 40% figure?")).to_be_visible()
    preview.close()
    assert page.console_errors == []


def test_accept_all_above_a_confidence(page: Any) -> None:
    login(page, "teacher1")
    start_draft(page)
    page.get_by_label("Accept every suggestion with a confidence of at least").fill("0.9")
    page.get_by_role("button", name="Accept all above").click()
    # by 40% (0.92) and the placeholder (0.97); the 0.82 and 0.72 ones stay suggestions.
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(2)
    expect(suggestion(page, "experts say")).to_have_count(1)
    expect(page.locator("#announcer")).to_contain_text("Accepted 2 suggestions")
    saved(page)


def test_a_second_tab_is_told_to_reload_instead_of_overwriting(page: Any) -> None:
    login(page, "teacher1")
    draft_id = start_draft(page)
    other = page.context.new_page()
    other.goto(f"/author/drafts/{draft_id}")
    expect(other.locator("#editor[data-ready='1']")).to_have_count(1)
    suggestion(page, "by 40%").get_by_role("button", name=re.compile("^Accept")).click()
    saved(page)
    suggestion(other, "experts say").get_by_role("button", name=re.compile("^Accept")).click()
    status = other.locator("#ed-status")
    expect(status).to_contain_text("Not saved: this draft was changed in another tab")
    other.get_by_role("button", name="Reload the newer draft").click()
    expect(other.locator("#editor[data-ready='1']")).to_have_count(1)
    expect(other.locator("#ed-list li", has_text="“by 40%”")).to_have_count(1)
    other.close()


def test_a_teachers_text_is_shown_as_text(page: Any) -> None:
    login(page, "teacher1")
    start_draft(page, ARTICLE.replace("Council approves", "<img src=x onerror=alert(1)> Council"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    suggestion(page, "by 40%").get_by_role("button", name=re.compile("^Edit")).click()
    page.locator("#ed-panel").get_by_label("Explanation").fill(
        "<b>bold</b><script>alert(2)</script>"
    )
    saved(page)
    expect(page.locator("#ed-list li", has_text="<b>bold</b><script>")).to_have_count(1)
    assert page.locator("#ed-list b").count() == 0
    page.reload()
    expect(page.locator("#article")).to_contain_text("<img src=x onerror=alert(1)>")
    assert dialogs == []


def test_core_arguable_delete_settings_and_a_refused_version(page: Any) -> None:
    login(page, "teacher1")
    draft_id = start_draft(page)
    # Save version while a skill has no annotation: refused, the messages at the top.
    page.get_by_role("button", name="Save version").click()
    expect(page.locator("#ed-status")).to_contain_text("Not saved as a version")
    expect(page.locator("#ed-summary")).to_be_focused()
    expect(page.locator("#ed-published")).to_have_text("")

    suggestion(page, "by 40%").get_by_role("button", name=re.compile("^Edit")).click()
    panel = page.locator("#ed-panel")
    # The core: words selected inside the quote; words outside it are refused.
    select_words(page, "Monday")
    panel.get_by_role("button", name="Use the selected words as the core").click()
    expect(page.locator("#announcer")).to_contain_text("The core must be words inside the quote")
    page.locator(".ed-select").get_by_role("button", name="Clear").click()
    select_words(page, "40%")
    panel.get_by_role("button", name="Use the selected words as the core").click()
    expect(panel.get_by_label(re.compile("^Core"))).to_have_value("40%")
    panel.get_by_label(re.compile("^Arguable")).check()
    expect(page.locator("#article .tok.ed-arguable")).to_have_count(2)
    saved(page)
    data = page.evaluate(f"fetch('/author/drafts/{draft_id}/data').then(r => r.json())")
    (annotation,) = data["document"]["annotations"]
    assert annotation["core"] == "40%" and annotation["arguable"] is True
    assert annotation["quote"] == "by 40%"

    # Settings: the title is the page's heading; Arabic turns the article right to left.
    settings = page.locator("#ed-settings")
    settings.get_by_label("Title").fill("Bus fares")
    expect(page.locator("#ed-title")).to_have_text("Bus fares")
    settings.get_by_label("Direction of the article").select_option("rtl")
    expect(page.locator("#article")).to_have_attribute("dir", "rtl")
    settings.get_by_label("Direction of the article").select_option("")
    settings.get_by_text("Scoring settings").click()
    settings.get_by_label("Pass mark (0 to 1)").fill("7")
    saved(page)
    expect(settings.locator(".ed-msg")).to_have_count(1)  # beside the pass mark
    settings.get_by_label("Pass mark (0 to 1)").fill("0.7")
    saved(page)
    expect(settings.locator(".ed-msg")).to_have_count(0)
    assert violations(page) == []

    # Deleted: gone from the list and the article; the suggestion comes back.
    panel.get_by_role("button", name="Delete").click()
    expect(panel).to_be_hidden()
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(0)
    expect(suggestion(page, "by 40%")).to_have_count(1)
    saved(page)

    # A change not yet saved when the teacher leaves is sent on the way out.
    page.locator("#ed-settings").get_by_label("Title").fill("Bus fares, again")
    page.goto("/teach")
    stored = ""
    for _ in range(50):  # the request sent on leaving may land just after the next page's
        stored = page.request.get(f"/author/drafts/{draft_id}/data").json()["document"]["title"]
        if stored == "Bus fares, again":
            break
        page.wait_for_timeout(100)
    assert stored == "Bus fares, again"
    page.goto(f"/author/drafts/{draft_id}")
    expect(page.locator("#ed-title")).to_have_text("Bus fares, again")
    # The refused version's 400 is the only thing the console reports.
    assert [e for e in page.console_errors if "400 (BAD REQUEST)" not in e] == []


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("", {"error": "Select words in the article first."}),
        ("0,1", {"start": 0, "end": 7, "quote": "The cat"}),
        ("3,2", {"start": 12, "end": 19, "quote": "The cat"}),  # the second "The cat"
        ("2,4", {"error": "Select one unbroken run of words (the selection has gaps)."}),
        ("1,2", {"error": "The selection runs across paragraphs; select words of one paragraph."}),
    ],
)
def test_a_selection_becomes_one_passage(page: Any, value: str, want: dict[str, Any]) -> None:
    page.goto("/login")
    got = page.evaluate(
        """async (value) => {
          const { passage } = await import('/static/js/editor/anchor.js');
          const text = 'The cat.\\n\\n  The cat sat.';
          const tokens = [
            [0, 0, 3, 0], [1, 4, 7, 0], [2, 12, 15, 1], [3, 16, 19, 1], [4, 20, 23, 1],
          ].map(([i, s, e, block]) => ({ i, s, e, block }));
          return passage(text, tokens, value);
        }""",
        value,
    )
    assert got == want


@pytest.mark.parametrize(
    ("span", "want"),
    [
        ({"quote": "cat"}, 4),
        ({"quote": "cat", "occurrence": 2}, 16),
        ({"quote": "cat", "prefix": "The "}, 4),
        ({"quote": "cat", "suffix": " sat"}, 16),
        ({"quote": "dog"}, None),
        ({"quote": "cat", "occurrence": 3}, None),
    ],
)
def test_quotes_are_found_as_the_loader_anchors_them(
    page: Any, span: dict[str, Any], want: int | None
) -> None:
    page.goto("/login")
    got = page.evaluate(
        """async (span) => {
          const { anchorAt, locate } = await import('/static/js/editor/anchor.js');
          const text = 'The cat.\\n\\n  The cat sat.';
          const r = locate(text, span);
          // and a quote made from a place says which occurrence it is
          return { at: r ? r.start : null, made: r ? anchorAt(text, r.start, r.end) : null };
        }""",
        span,
    )
    assert got["at"] == want
    if want is not None:
        assert got["made"] == {"quote": "cat", "occurrence": 1 if want == 4 else 2}
