// quiz.js: wires the highlighter to #quiz-form, keeps answers in progress in localStorage
// (a reload or a crashed tab loses nothing), counts the questions answered, keeps Enter
// from submitting and stops double submits. Without JavaScript the form still posts:
// radios and checkboxes are ordinary controls, and an assignment's server asks to confirm.
// On the review page (#review-form) it forgets the kept answers once they are confirmed.
import { initHighlighter } from './highlight.js';
import { t, tn } from './texts.js';

document.documentElement.classList.add('js');
const form = document.getElementById('quiz-form');
if (form) start(form);
const review = document.getElementById('review-form');
if (review) guardSubmit(review, () => store(review.dataset.storageKey, null));

function start(form) {
  const key = form.dataset.storageKey;
  const announcer = document.getElementById('announcer');
  restore(form, key); // before the highlighter, which reads the hidden inputs
  try {
    initHighlighter(form, { announcer });
  } catch (err) {
    // Saving and the submit guard below must keep working even if highlighting breaks.
    console.error('quizapp: highlighter failed to start', err);
  }
  const counter = form.querySelector('.answered-count');
  const count = () => counter && (counter.textContent = answeredText(form));
  count();
  form.addEventListener('change', () => {
    store(key, snapshot(form));
    count();
  });
  // Enter in a radio, checkbox or text field would submit the whole quiz at once (the
  // browser's implicit submission): only a button submits.
  form.addEventListener('keydown', (e) => {
    const el = e.target;
    if (e.key !== 'Enter' || !(el instanceof HTMLInputElement)) return;
    if (!['submit', 'button', 'reset', 'image'].includes(el.type)) e.preventDefault();
  });

  // An assignment's answers go to a review page first: kept until they are confirmed there.
  const forget = form.dataset.review ? () => {} : () => store(key, null);
  guardSubmit(form, forget, () => store(key, snapshot(form)));
}

/** "7 of 10 questions answered." */
function answeredText(form) {
  const questions = [...form.querySelectorAll('fieldset.question')];
  const done = questions.filter((q) =>
    [...q.querySelectorAll('input[name^="q."]')].some((el) =>
      el.type === 'hidden' ? el.value !== '' : el.checked,
    ),
  ).length;
  return tn('answered', questions.length, { done });
}

/** One submission a page: "Submitting…" on the buttons; usable again after Back. */
function guardSubmit(form, sent, back = () => {}) {
  const announcer = document.getElementById('announcer');
  let submitting = false;
  const buttons = [...form.querySelectorAll('button[type=submit], input[type=submit]')];
  form.addEventListener('submit', (e) => {
    if (submitting) return e.preventDefault(); // a second click or Enter
    if (e.defaultPrevented) return;
    submitting = true;
    sent(); // the server has the answers now
    form.setAttribute('aria-busy', 'true');
    for (const b of buttons) {
      if (!b.dataset.label) b.dataset.label = b.textContent;
      b.textContent = t('submitting');
      b.classList.add('busy');
      // Disabled after this event, so the browser still builds the request first.
      setTimeout(() => (b.disabled = true));
    }
    if (announcer) announcer.textContent = t('submittingAnswers');
  });

  // Back from the next page (back/forward cache): the answers are still on screen, so
  // make the form usable again and keep them safe.
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted || !submitting) return;
    submitting = false;
    form.removeAttribute('aria-busy');
    for (const b of buttons) {
      b.disabled = false;
      b.textContent = b.dataset.label;
      b.classList.remove('busy');
    }
    back();
  });
}

/** The answers: highlight inputs (named q.*) and every radio and checkbox. */
function snapshot(form) {
  const data = { v: 1, hidden: {}, checked: {} };
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'hidden' && el.name.startsWith('q.')) data.hidden[el.name] = el.value;
    else if (el.type === 'radio' || el.type === 'checkbox') {
      const list = data.checked[el.name] || (data.checked[el.name] = []);
      if (el.checked) list.push(el.value);
    }
  }
  return data;
}

// ES2020 has no Object.hasOwn yet. (A function declaration: start() runs before any const here.)
function has(obj, name) {
  return Object.prototype.hasOwnProperty.call(obj, name);
}

function restore(form, key) {
  const data = load(key);
  if (!data) return;
  for (const el of form.elements) {
    const checkable = el.type === 'radio' || el.type === 'checkbox';
    if (el.type === 'hidden' && has(data.hidden, el.name)) el.value = data.hidden[el.name];
    else if (checkable && has(data.checked, el.name)) {
      el.checked = data.checked[el.name].includes(el.value);
    }
  }
}

// Storage can be missing, full or blocked (private windows): answers then simply are not kept.
function load(key) {
  try {
    const data = key && JSON.parse(localStorage.getItem(key));
    return data?.v === 1 && data.hidden && data.checked ? data : null;
  } catch {
    return null;
  }
}

function store(key, data) {
  if (!key) return;
  try {
    if (data) localStorage.setItem(key, JSON.stringify(data));
    else localStorage.removeItem(key);
  } catch {
    /* not kept */
  }
}
