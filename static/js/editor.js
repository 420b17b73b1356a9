// editor.js: the quiz editor of a draft. The document (the quiz mapping, as in a YAML file)
// is the one source of truth: every control edits it, every change re-marks the article and
// schedules an autosave (PUT /data with the revision), and the validator's messages that the
// save returns are shown beside the field whose path they name. Words are selected with the
// students' own highlighter (highlight.js), driven by a one-question "spot" fieldset.
import { initHighlighter } from './highlight.js';

document.documentElement.classList.add('js');
const root = document.getElementById('editor');
if (root) start(root);

const SAVE_DELAY = 1200; // ms after the last change
const RETRY_DELAY = 5000;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A DOM element: h('p', {class: 'x', text: 'hi'}, child, ...); text is never parsed as HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'checked' || k === 'value') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

let uid = 0;
const nextId = (p) => `${p}-${++uid}`;

function start(root) {
  const form = document.getElementById('ed-form');
  const article = document.getElementById('article');
  const statusEl = document.getElementById('ed-status');
  const announcer = document.getElementById('announcer');
  const builtin = JSON.parse(root.dataset.builtin);
  const builtinIds = new Set(builtin.map((s) => s.id));
  const levels = JSON.parse(root.dataset.levels);
  const types = JSON.parse(root.dataset.types);
  const csrf =
    document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || root.dataset.csrf;
  const rejectedKey = `quizapp-editor-rejected-${root.dataset.draft}`;
  const tokens = [...article.querySelectorAll('.tok[data-i]')].map((el) => ({
    el,
    i: Number(el.dataset.i),
    s: Number(el.dataset.s),
    e: Number(el.dataset.e),
    block: el.closest('[data-block]').dataset.block,
  }));
  const byIndex = new Map(tokens.map((t) => [t.i, t]));

  let doc = {};
  let text = '';
  let revision = 0;
  let messages = [];
  let suggestions = [];
  let rejected = loadRejected();
  let editing = null; // {list: 'annotations' | 'decoys', index}
  let dirty = false;
  let saving = null;
  let timer = null;
  let conflict = false;
  let keptQuestions = null; // written questions kept while "built" is chosen, to switch back

  form.addEventListener('submit', (e) => e.preventDefault());
  const hl = initHighlighter(form, { announcer });
  const selInput = form.querySelector('input[name="q.sel.tokens"]');

  // ---------------------------------------------------------------- status and announcements
  function status(msg, kind = '') {
    statusEl.textContent = msg;
    statusEl.dataset.kind = kind;
  }
  function announce(msg) {
    announcer.textContent = announcer.textContent === msg ? `${msg}\u00a0` : msg;
  }

  // ---------------------------------------------------------------- the article's words
  const skillsList = () => (Array.isArray(doc.skills) ? doc.skills : []);
  const skillId = (s) => (typeof s === 'string' ? s : s?.id ?? '');
  const custom = () => skillsList().filter((s) => s && typeof s === 'object');
  function skillName(id) {
    const b = builtin.find((s) => s.id === id);
    if (b) return b.name;
    return custom().find((s) => s.id === id)?.name || id || 'no skill';
  }
  function ensureSkill(id) {
    if (!id || skillsList().some((s) => skillId(s) === id)) return;
    doc.skills = [...skillsList(), id];
  }
  const list = (key) => (Array.isArray(doc[key]) ? doc[key] : (doc[key] = []));

  /** Where a span's quote stands in the article, as the loader anchors it (near enough). */
  function locate(span) {
    const quote = typeof span.quote === 'string' ? span.quote : '';
    if (!quote) return null;
    const all = [];
    for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) all.push(at);
    if (!all.length) return null;
    let at = all[0];
    if (Number.isInteger(span.occurrence)) at = all[span.occurrence - 1];
    else if (span.prefix || span.suffix) {
      at = all.find(
        (a) =>
          (!span.prefix || text.slice(0, a).endsWith(span.prefix)) &&
          (!span.suffix || text.slice(a + quote.length).startsWith(span.suffix)),
      );
    }
    return at === undefined ? null : { start: at, end: at + quote.length };
  }
  const tokensIn = (r) => (r ? tokens.filter((t) => t.s < r.end && t.e > r.start) : []);

  /** The selected words as one passage, or a reason why they are not one. */
  function selection() {
    const picked = selInput.value
      .split(',')
      .filter(Boolean)
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => byIndex.get(i))
      .filter(Boolean);
    if (!picked.length) return { error: 'Select words in the article first.' };
    for (let k = 1; k < picked.length; k++) {
      if (picked[k].block !== picked[0].block)
        return { error: 'The selection runs across paragraphs; select words of one paragraph.' };
      if (tokens.indexOf(picked[k]) !== tokens.indexOf(picked[k - 1]) + 1)
        return { error: 'Select one unbroken run of words (the selection has gaps).' };
    }
    const start = picked[0].s;
    const end = picked[picked.length - 1].e;
    return { start, end, quote: text.slice(start, end) };
  }

  /** quote plus the occurrence that makes it unique, when the words occur more than once. */
  function anchorAt(start, end) {
    const quote = text.slice(start, end);
    let n = 0;
    let mine = 0;
    for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
      n++;
      if (at === start) mine = n;
    }
    return n > 1 ? { quote, occurrence: mine } : { quote };
  }
  function setQuote(span, start, end) {
    delete span.prefix;
    delete span.suffix;
    delete span.occurrence;
    Object.assign(span, anchorAt(start, end));
  }

  function clearSelection() {
    selInput.value = '';
    hl?.reload();
  }

  function uniqueId(base) {
    const taken = new Set([...list('annotations'), ...list('decoys')].map((a) => a?.id));
    for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  // ---------------------------------------------------------------- marks on the article
  function mark() {
    for (const t of tokens) t.el.classList.remove('ed-ann', 'ed-decoy', 'ed-sug', 'ed-arguable');
    for (const a of list('annotations'))
      for (const t of tokensIn(a && locate(a)))
        t.el.classList.add('ed-ann', ...(a.arguable ? ['ed-arguable'] : []));
    for (const d of list('decoys')) for (const t of tokensIn(d && locate(d))) t.el.classList.add('ed-decoy');
    for (const s of shownSuggestions()) for (const t of tokensIn(s)) t.el.classList.add('ed-sug');
  }

  // ---------------------------------------------------------------- suggestions
  function loadRejected() {
    try {
      return new Set(JSON.parse(localStorage.getItem(rejectedKey)) || []);
    } catch {
      return new Set();
    }
  }
  function keepRejected() {
    try {
      localStorage.setItem(rejectedKey, JSON.stringify([...rejected]));
    } catch {
      /* private windows: kept for this page only */
    }
  }
  function covered(s) {
    const over = (x) => x && x.start < s.end && s.start < x.end;
    return (
      list('annotations').some((a) => a?.skill === s.skill && over(locate(a))) ||
      list('decoys').some((d) => over(d && locate(d)))
    );
  }
  const shownSuggestions = () => suggestions.filter((s) => !rejected.has(s.key) && !covered(s));

  function accept(s, { open = false, quiet = false } = {}) {
    ensureSkill(s.skill);
    const a = { id: uniqueId(s.skill), skill: s.skill, ...anchorAt(s.start, s.end), explanation: s.reason };
    list('annotations').push(a);
    if (!quiet) {
      changed();
      announce(`Accepted “${s.quote}” as ${skillName(s.skill)}.`);
      if (open) openPanel('annotations', list('annotations').length - 1);
    }
    return a;
  }
  function reject(s) {
    rejected.add(s.key);
    keepRejected();
    renderAll();
    announce(`Rejected “${s.quote}”.`);
  }
  function acceptAbove() {
    const input = document.getElementById('ed-threshold');
    const t = Number.parseFloat(input.value);
    if (!(t >= 0 && t <= 1)) return announce('Write a confidence from 0 to 1.');
    const chosen = shownSuggestions().filter((s) => s.confidence >= t);
    chosen.forEach((s) => accept(s, { quiet: true }));
    if (chosen.length) changed();
    announce(`Accepted ${plural(chosen.length, 'suggestion')} with a confidence of at least ${t}.`);
  }

  function renderSuggestions() {
    const ol = document.getElementById('ed-sug-list');
    const shown = shownSuggestions();
    const focusKey = document.activeElement?.closest?.('[data-key]')?.dataset.key;
    ol.replaceChildren(
      ...shown.map((s, n) =>
        h('li', { class: 'ed-item ed-item-sug', 'data-key': s.key },
          h('p', { class: 'ed-quote' }, '“', h('bdi', { lang: doc.language || 'en', text: s.quote }), '”'),
          h('p', { class: 'ed-kind', text: `${skillName(s.skill)} · confidence ${s.confidence.toFixed(2)}` }),
          h('p', { class: 'ed-reason', text: s.reason }),
          h('p', { class: 'ed-buttons' },
            h('button', { type: 'button', onclick: () => { accept(s); focusAfter(ol, n); } },
              'Accept', h('span', { class: 'visually-hidden', text: ` “${s.quote}”` })),
            h('button', { type: 'button', onclick: () => accept(s, { open: true }) },
              'Edit', h('span', { class: 'visually-hidden', text: ` “${s.quote}”` })),
            h('button', { type: 'button', onclick: () => { reject(s); focusAfter(ol, n); } },
              'Reject', h('span', { class: 'visually-hidden', text: ` “${s.quote}”` })),
          ),
        ),
      ),
    );
    if (!shown.length) ol.append(h('li', { text: suggestions.length ? 'No suggestions left.' : 'No suggestions for this article.' }));
    if (focusKey) ol.querySelector(`[data-key="${CSS.escape(focusKey)}"] button`)?.focus();
  }
  /** After an item leaves a list, focus the one now in its place (or the list's heading). */
  function focusAfter(ol, n) {
    const items = [...ol.querySelectorAll('li')].filter((li) => li.querySelector('button'));
    const target = items[Math.min(n, items.length - 1)]?.querySelector('button');
    if (target) target.focus();
    else {
      const heading = ol.closest('section').querySelector('h2');
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  // ---------------------------------------------------------------- annotations and decoys
  function addFromSelection(kind) {
    const sel = selection();
    if (sel.error) return announce(sel.error);
    const skill = document.getElementById('ed-new-skill').value;
    const span = kind === 'decoys' ? { id: uniqueId('decoy'), looks_like: skill } : { id: uniqueId(skill), skill };
    setQuote(span, sel.start, sel.end);
    span.explanation = '';
    ensureSkill(skill);
    list(kind).push(span);
    clearSelection();
    changed();
    openPanel(kind, list(kind).length - 1);
    announce(`Added “${sel.quote}” as a ${kind === 'decoys' ? 'decoy' : 'problem'}. Write its explanation.`);
  }

  function renderList() {
    const ol = document.getElementById('ed-list');
    const items = [];
    for (const key of ['annotations', 'decoys']) {
      list(key).forEach((a, index) => {
        if (!a || typeof a !== 'object') return;
        const decoy = key === 'decoys';
        const skill = decoy ? a.looks_like : a.skill;
        const what = `${decoy ? 'Decoy' : 'Problem'} “${a.quote || '(no quote)'}”`;
        items.push(
          h('li', { class: `ed-item ${decoy ? 'ed-item-decoy' : 'ed-item-ann'}`, 'data-path': `${key}[${index}]` },
            h('p', { class: 'ed-quote' }, '“', h('bdi', { lang: doc.language || 'en', text: a.quote || '' }), '”'),
            h('p', { class: 'ed-kind', text: `${decoy ? 'Decoy, looks like' : 'Problem:'} ${skillName(skill)}${a.arguable ? ' · arguable' : ''}${a.core ? ` · core “${a.core}”` : ''}` }),
            h('p', { class: 'ed-reason', text: a.explanation || 'No explanation yet.' }),
            h('p', { class: 'ed-buttons' },
              h('button', { type: 'button', 'data-edit': `${key}[${index}]`, onclick: () => openPanel(key, index) },
                'Edit', h('span', { class: 'visually-hidden', text: ` ${what}` })),
              h('button', { type: 'button', onclick: () => remove(key, index) },
                'Delete', h('span', { class: 'visually-hidden', text: ` ${what}` })),
            ),
          ),
        );
      });
    }
    ol.replaceChildren(...items);
    if (!items.length) ol.append(h('li', { text: 'None yet: accept a suggestion, or select words and add them.' }));
  }

  function remove(key, index) {
    const [a] = list(key).splice(index, 1);
    if (editing && editing.list === key) {
      if (editing.index === index) closePanel(false);
      else if (editing.index > index) editing.index--;
    }
    changed();
    announce(`Deleted “${a?.quote ?? ''}”.`);
    focusAfter(document.getElementById('ed-list'), index);
  }

  // ---------------------------------------------------------------- the annotation panel
  const panel = document.getElementById('ed-panel');
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closePanel(true);
    }
  });

  function openPanel(key, index) {
    editing = { list: key, index };
    renderPanel();
    panel.hidden = false;
    panel.querySelector('textarea, select')?.focus();
    panel.scrollIntoView({ block: 'nearest' });
  }
  function closePanel(returnFocus) {
    const was = editing;
    editing = null;
    panel.hidden = true;
    if (returnFocus && was) {
      document.querySelector(`[data-edit="${was.list}[${was.index}]"]`)?.focus();
      announce('Closed the annotation.');
    }
  }

  function skillOptions(selected) {
    const ids = [...builtin.map((s) => s.id), ...custom().map((s) => s.id).filter(Boolean)];
    if (selected && !ids.includes(selected)) ids.push(selected);
    return ids.map((id) => h('option', { value: id, text: skillName(id), selected: id === selected }));
  }

  function renderPanel() {
    if (!editing) return;
    const { list: key, index } = editing;
    const a = list(key)[index];
    if (!a) return closePanel(false);
    const decoy = key === 'decoys';
    const path = `${key}[${index}]`;
    document.getElementById('ed-panel-h').textContent = `${decoy ? 'Decoy' : 'Problem'} ${index + 1}`;
    const skillKey = decoy ? 'looks_like' : 'skill';
    const body = [
      h('p', { class: 'ed-quote', 'data-path': `${path}.quote` }, 'Quote: “',
        h('bdi', { lang: doc.language || 'en', text: a.quote || '' }), '”'),
      h('p', {}, h('button', { type: 'button', 'data-from': 'quote', onclick: () => fromSelection('quote') }, 'Use the selected words as the quote')),
      field({ label: decoy ? 'Looks like' : 'Skill', path: `${path}.${skillKey}`, kind: 'select',
        options: skillOptions(a[skillKey]),
        set: (v) => { a[skillKey] = v; ensureSkill(v); } }),
    ];
    if (!decoy) {
      body.push(
        field({ label: 'Core: the words that carry the problem (inside the quote)', path: `${path}.core`,
          value: a.core ?? '', help: 'Leave it empty to use the whole quote.',
          set: (v) => (v ? (a.core = v) : delete a.core) }),
        h('p', {}, h('button', { type: 'button', 'data-from': 'core', onclick: () => fromSelection('core') }, 'Use the selected words as the core')),
      );
    }
    body.push(
      field({ label: 'Arguable: careful readers may reasonably disagree', path: `${path}.arguable`, kind: 'checkbox',
        value: Boolean(a.arguable), set: (v) => (v ? (a.arguable = true) : delete a.arguable) }),
      field({ label: 'Explanation', path: `${path}.explanation`, kind: 'textarea', value: a.explanation ?? '',
        help: decoy ? 'Why these words are fine.' : 'Why this is a problem, as the student will read it.',
        set: (v) => (a.explanation = v) }),
      field({ label: 'Fix (optional)', path: `${path}.fix`, kind: 'textarea', value: a.fix ?? '',
        help: 'How the writer could have done it right.', set: (v) => (v ? (a.fix = v) : delete a.fix) }),
      h('p', { class: 'ed-buttons' },
        h('button', { type: 'button', class: 'primary', onclick: () => closePanel(true) }, 'Done'),
        h('button', { type: 'button', onclick: () => remove(key, index) }, 'Delete')),
    );
    document.getElementById('ed-panel-body').replaceChildren(...body);
    showMessages();
  }

  function fromSelection(what) {
    const a = editing && list(editing.list)[editing.index];
    const sel = selection();
    if (!a) return;
    if (sel.error) return announce(sel.error);
    if (what === 'quote') {
      setQuote(a, sel.start, sel.end);
      if (a.core && !a.quote.includes(a.core)) delete a.core;
    } else {
      const r = locate(a);
      if (!r || sel.start < r.start || sel.end > r.end)
        return announce('The core must be words inside the quote; select fewer words.');
      a.core = sel.quote;
    }
    clearSelection();
    changed();
    renderPanel(); // the panel holds the focus, so changed() left it as it was
    panel.querySelector(`[data-from="${what}"]`)?.focus();
    announce(`The ${what} is now “${sel.quote}”.`);
  }

  // ---------------------------------------------------------------- form fields
  /** A labelled control bound to the document: ``set`` writes its value, then autosave. */
  function field({ label, path, kind = 'text', value = '', set, help, options, attrs = {} }) {
    const id = nextId('f');
    let control;
    if (kind === 'textarea') control = h('textarea', { id, rows: 3, ...attrs });
    else if (kind === 'select') control = h('select', { id, ...attrs }, ...(options || []));
    else control = h('input', { id, type: kind, ...attrs });
    if (kind === 'checkbox') control.checked = Boolean(value);
    else if (kind !== 'select') control.value = value;
    control.dataset.path = path;
    const helpEl = help ? h('span', { class: 'help', id: `${id}-help`, text: help }) : null;
    if (helpEl) control.setAttribute('aria-describedby', helpEl.id);
    const read = () => (kind === 'checkbox' ? control.checked : control.value);
    control.addEventListener(kind === 'checkbox' || kind === 'select' ? 'change' : 'input', () => {
      set(read());
      changed({ rerender: kind === 'checkbox' || kind === 'select' });
    });
    if (kind === 'checkbox') return h('div', { class: 'field ed-field' }, h('label', { for: id }, control, h('span', { text: label })), helpEl);
    return h('div', { class: 'field ed-field' }, h('label', { for: id, text: label }), helpEl, control);
  }

  const numberOrText = (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

  // ---------------------------------------------------------------- questions
  function renderQuestions() {
    const body = document.getElementById('ed-questions-body');
    const written = Array.isArray(doc.questions);
    const name = nextId('qmode');
    const radio = (value, label, help) =>
      h('label', {},
        h('input', { type: 'radio', name, value, 'data-path': `questions#${value}`, checked: written === (value === 'written'),
          onchange: () => setWritten(value === 'written') }),
        h('span', { text: label }), h('span', { class: 'help', text: help }));
    const parts = [
      h('fieldset', { class: 'ed-mode', 'data-path': 'questions' },
        h('legend', { text: 'How the questions are made' }),
        radio('built', 'Built automatically', 'A spot question for each skill and classify questions drawn from the annotations, as the quiz files get them.'),
        radio('written', 'Written by me', 'Only the questions listed below.')),
    ];
    if (written) {
      doc.questions.forEach((q, n) => parts.push(questionCard(q, n)));
      const typeSel = h('select', { id: nextId('newtype') }, ...types.map((t) => h('option', { value: t, text: t })));
      parts.push(h('p', { class: 'ed-buttons' },
        h('label', { for: typeSel.id, class: 'ed-inline', text: 'Type of the new question' }), typeSel,
        h('button', { type: 'button', onclick: () => addQuestion(typeSel.value) }, 'Add a question')));
    }
    body.replaceChildren(...parts);
  }

  function setWritten(on) {
    if (on && !Array.isArray(doc.questions)) {
      doc.questions = keptQuestions || defaultQuestions();
    } else if (!on && Array.isArray(doc.questions)) {
      keptQuestions = doc.questions;
      delete doc.questions;
    }
    changed({ rerender: true });
    announce(on ? `Writing the questions: ${plural(doc.questions.length, 'question')} to start from.` : 'Questions are built automatically.');
  }

  function defaultQuestions() {
    const used = new Set(list('annotations').filter((a) => a && !a.arguable).map((a) => a.skill));
    const ids = skillsList().map(skillId).filter((id) => used.has(id));
    return ids.length ? ids.map((id) => ({ id: `spot-${id}`, type: 'spot', skills: [id] })) : [{ id: 'q1', type: 'spot' }];
  }

  function addQuestion(type) {
    const taken = new Set(doc.questions.map((q) => q?.id));
    let n = doc.questions.length + 1;
    while (taken.has(`q${n}`)) n++;
    const q = { id: `q${n}`, type };
    if (type === 'choice') Object.assign(q, { prompt: '', options: [{ text: '', correct: true }, { text: '' }] });
    if (type === 'classify') q.span = [...list('annotations'), ...list('decoys')][0]?.id ?? '';
    doc.questions.push(q);
    changed({ rerender: true });
    document.querySelector(`[data-path="questions[${doc.questions.length - 1}].type"]`)?.focus();
    announce(`Added question ${doc.questions.length}, ${type}.`);
  }

  function moveQuestion(n, by) {
    const qs = doc.questions;
    const m = n + by;
    if (m < 0 || m >= qs.length) return;
    [qs[n], qs[m]] = [qs[m], qs[n]];
    changed({ rerender: true });
    document.querySelector(`[data-path="questions[${m}].type"]`)?.focus();
    announce(`Question moved to place ${m + 1}.`);
  }

  function checkboxes(legend, path, chosen, ids, set) {
    return h('fieldset', { class: 'ed-checks', 'data-path': path },
      h('legend', { text: legend }),
      ...ids.map((id) => h('label', {},
        h('input', { type: 'checkbox', value: id, 'data-path': `${path}#${id}`, checked: chosen.includes(id), onchange: (e) => {
          const now = new Set(chosen);
          if (e.target.checked) now.add(id);
          else now.delete(id);
          set(ids.filter((x) => now.has(x)));
          changed();
        } }), h('span', { text: skillName(id) }))));
  }

  function questionCard(q, n) {
    const path = `questions[${n}]`;
    if (!q || typeof q !== 'object') return h('p', { 'data-path': path, text: `Question ${n + 1} is not a mapping.` });
    const headId = nextId('qh');
    const ids = skillsList().map(skillId).filter(Boolean);
    const parts = [
      h('h3', { id: headId, text: `Question ${n + 1}` }),
      field({ label: 'Type', path: `${path}.type`, kind: 'select',
        options: types.map((t) => h('option', { value: t, text: t, selected: t === q.type })),
        set: (v) => {
          const keep = { id: q.id, type: v, prompt: q.prompt, points: q.points };
          for (const k of Object.keys(q)) delete q[k];
          for (const [k, x] of Object.entries(keep)) if (x !== undefined && x !== '') q[k] = x;
          if (v === 'choice') q.options = [{ text: '', correct: true }, { text: '' }];
        } }),
      field({ label: 'Id (students never see it; keep it stable)', path: `${path}.id`, value: q.id ?? '',
        set: (v) => (v ? (q.id = v) : delete q.id) }),
      field({ label: q.type === 'choice' ? 'Prompt' : 'Prompt (optional: a default is written for you)', path: `${path}.prompt`,
        kind: 'textarea', value: q.prompt ?? '', set: (v) => (v ? (q.prompt = v) : delete q.prompt) }),
      field({ label: 'Points (optional)', path: `${path}.points`, value: q.points ?? '', attrs: { inputmode: 'decimal' },
        set: (v) => (v.trim() ? (q.points = numberOrText(v)) : delete q.points) }),
    ];
    if (q.type === 'spot' || q.type === 'label') {
      parts.push(
        checkboxes('Skills asked (none ticked: all the quiz\'s skills)', `${path}.skills`, q.skills || [], ids,
          (v) => (v.length ? (q.skills = v) : delete q.skills)),
        field({ label: 'Paragraphs (numbers, 0 is the headline; empty: the whole article)', path: `${path}.paragraphs`,
          value: (q.paragraphs || []).join(', '),
          set: (v) => {
            const nums = v.split(/[\s,]+/).filter(Boolean).map(numberOrText);
            if (nums.length) q.paragraphs = nums;
            else delete q.paragraphs;
          } }),
        field({ label: 'Nothing to find here on purpose', path: `${path}.empty`, kind: 'checkbox', value: q.empty,
          set: (v) => (v ? (q.empty = true) : delete q.empty) }),
      );
    } else if (q.type === 'classify') {
      const spans = [...list('annotations'), ...list('decoys')].filter((a) => a?.id);
      parts.push(
        field({ label: 'The phrase asked about', path: `${path}.span`, kind: 'select',
          options: [h('option', { value: '', text: 'Choose an annotation or decoy' }),
            ...spans.map((a) => h('option', { value: a.id, text: `“${a.quote}” (${a.id})`, selected: a.id === q.span }))],
          set: (v) => (q.span = v) }),
        checkboxes('Skills offered (none ticked: all)', `${path}.options`, q.options || [], ids,
          (v) => (v.length ? (q.options = v) : delete q.options)),
      );
    } else if (q.type === 'choice') {
      parts.push(choiceOptions(q, path));
    }
    parts.push(h('p', { class: 'ed-buttons' },
      h('button', { type: 'button', onclick: () => moveQuestion(n, -1), 'aria-disabled': String(n === 0) }, 'Move up',
        h('span', { class: 'visually-hidden', text: ` question ${n + 1}` })),
      h('button', { type: 'button', onclick: () => moveQuestion(n, 1), 'aria-disabled': String(n === doc.questions.length - 1) }, 'Move down',
        h('span', { class: 'visually-hidden', text: ` question ${n + 1}` })),
      h('button', { type: 'button', onclick: () => {
        doc.questions.splice(n, 1);
        changed({ rerender: true });
        announce(`Deleted question ${n + 1}.`);
        document.getElementById('ed-questions-h').focus();
      } }, 'Delete', h('span', { class: 'visually-hidden', text: ` question ${n + 1}` }))));
    return h('div', { class: 'card ed-question', role: 'group', 'aria-labelledby': headId, 'data-path': path }, ...parts);
  }

  function choiceOptions(q, path) {
    if (!Array.isArray(q.options)) q.options = [];
    const multiple = q.multiple === true ? 'true' : q.multiple === false ? 'false' : '';
    return h('div', { class: 'ed-options' },
      field({ label: 'Answers a student may tick', path: `${path}.multiple`, kind: 'select',
        options: [['', 'As many as are correct'], ['false', 'One'], ['true', 'Several']].map(([v, t]) =>
          h('option', { value: v, text: t, selected: v === multiple })),
        set: (v) => (v ? (q.multiple = v === 'true') : delete q.multiple) }),
      h('ol', {}, ...q.options.map((o, k) => {
        const op = `${path}.options[${k}]`;
        return h('li', { 'data-path': op },
          field({ label: `Option ${k + 1}`, path: `${op}.text`, value: o.text ?? '', set: (v) => (o.text = v) }),
          field({ label: 'Correct', path: `${op}.correct`, kind: 'checkbox', value: o.correct,
            set: (v) => (v ? (o.correct = true) : delete o.correct) }),
          field({ label: 'Feedback (optional)', path: `${op}.feedback`, value: o.feedback ?? '',
            set: (v) => (v ? (o.feedback = v) : delete o.feedback) }),
          h('button', { type: 'button', onclick: () => { q.options.splice(k, 1); changed({ rerender: true }); announce(`Removed option ${k + 1}.`); } },
            'Remove', h('span', { class: 'visually-hidden', text: ` option ${k + 1}` })));
      })),
      h('button', { type: 'button', onclick: () => { q.options.push({ text: '' }); changed({ rerender: true });
        document.querySelector(`[data-path="${path}.options[${q.options.length - 1}].text"]`)?.focus(); } }, 'Add an option'));
  }

  // ---------------------------------------------------------------- skills and settings
  function renderSkills() {
    const chosen = skillsList().map(skillId);
    const parts = [
      h('fieldset', { class: 'ed-checks', 'data-path': 'skills' },
        h('legend', { text: 'Built-in skills of this quiz' }),
        ...builtin.map((s) => {
          const at = skillsList().findIndex((x) => x === s.id);
          return h('label', { 'data-path': at >= 0 ? `skills[${at}]` : null },
            h('input', { type: 'checkbox', 'data-path': `skills#${s.id}`, checked: chosen.includes(s.id), onchange: (e) => {
              if (e.target.checked) ensureSkill(s.id);
              else doc.skills = skillsList().filter((x) => x !== s.id);
              changed({ rerender: true });
            } }), h('span', { text: s.name }));
        })),
      h('h3', { text: 'Your own skills' }),
    ];
    skillsList().forEach((s, k) => {
      if (!s || typeof s !== 'object') return;
      const path = `skills[${k}]`;
      parts.push(h('div', { class: 'card ed-custom', 'data-path': path },
        field({ label: 'Id (lowercase letters, digits, hyphens)', path: `${path}.id`, value: s.id ?? '', set: (v) => (s.id = v) }),
        field({ label: 'Name', path: `${path}.name`, value: s.name ?? '', set: (v) => (s.name = v) }),
        field({ label: 'Definition', path: `${path}.definition`, kind: 'textarea', value: s.definition ?? '', set: (v) => (s.definition = v) }),
        field({ label: 'Tip', path: `${path}.tip`, kind: 'textarea', value: s.tip ?? '', set: (v) => (s.tip = v) }),
        h('button', { type: 'button', onclick: () => { doc.skills.splice(k, 1); changed({ rerender: true }); announce('Skill removed.'); } },
          'Remove this skill')));
    });
    parts.push(h('button', { type: 'button', onclick: () => {
      doc.skills = [...skillsList(), { id: '', name: '', definition: '', tip: '' }];
      changed({ rerender: true });
      document.querySelector(`[data-path="skills[${doc.skills.length - 1}].id"]`)?.focus();
    } }, 'Add a skill of your own'));
    document.getElementById('ed-skills-body').replaceChildren(...parts);
  }

  function renderSettings() {
    const settings = () => (doc.settings && typeof doc.settings === 'object' ? doc.settings : (doc.settings = {}));
    const setting = (key, label, help) =>
      field({ label, help, path: `settings.${key}`, value: doc.settings?.[key] ?? '', attrs: { inputmode: 'decimal' },
        set: (v) => {
          if (v.trim()) settings()[key] = numberOrText(v);
          else delete settings()[key];
          if (!Object.keys(settings()).length) delete doc.settings;
        } });
    const top = (key, label, opts = {}) =>
      field({ label, path: key, value: doc[key] ?? '', ...opts,
        set: (v) => {
          if (v === '' && key !== 'title') delete doc[key];
          else doc[key] = v;
          if (key === 'title') document.getElementById('ed-title').textContent = v;
          if (key === 'language' || key === 'direction') direction();
        } });
    document.getElementById('ed-settings-body').replaceChildren(
      top('title', 'Title'),
      top('summary', 'Summary (optional)', { kind: 'textarea' }),
      top('level', 'Level', { kind: 'select', options: levels.map((l) => h('option', { value: l, text: l, selected: l === doc.level })) }),
      top('language', 'Language of the article (a code such as en, es, ar)'),
      top('direction', 'Direction of the article', { kind: 'select', options: [['', 'From the language'], ['ltr', 'Left to right'], ['rtl', 'Right to left']]
        .map(([v, t]) => h('option', { value: v, text: t, selected: v === (doc.direction ?? '') })) }),
      h('details', { class: 'ed-more' }, h('summary', { text: 'Scoring settings' }),
        setting('pass_mark', 'Pass mark (0 to 1)', 'The share of the points needed to pass; 0.6 unless set.'),
        setting('false_alarm_penalty', 'Weight of a wrongly selected word (0.5 to 4)', '1 unless set.'),
        setting('edge_tolerance', 'Words just outside a span not counted against a student (0 to 3)', '1 unless set.'),
        setting('classify_items', 'Classify questions built (0 to 30)', '4 unless set; unused when you write the questions.'),
        setting('seed', 'Draw of the built classify questions (a whole number)', 'Change it for another draw.')),
    );
  }

  function direction() {
    const lang = doc.language || 'en';
    const rtl = ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug'].includes(lang.split('-')[0].toLowerCase());
    article.lang = lang;
    article.dir = doc.direction === 'ltr' || doc.direction === 'rtl' ? doc.direction : rtl ? 'rtl' : 'ltr';
    document.getElementById('ed-title').lang = lang;
  }

  function renderNewSkill() {
    const sel = document.getElementById('ed-new-skill');
    const keep = sel.value || skillId(skillsList()[0]) || builtin[0]?.id;
    sel.replaceChildren(...skillOptions(keep));
  }

  // ---------------------------------------------------------------- validator messages
  const SECTIONS = [['questions', 'ed-questions'], ['skills', 'ed-skills'], ['settings', 'ed-settings']];
  function place(path) {
    for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
      const el = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (el) return el;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
    }
    return null;
  }

  /** A message's path; one about a skill named in its text points at that skill's entry
   * (a YAML list written on one line gives every entry the line of the first). */
  function pathOf(m) {
    const path = m.path || '';
    const named = /'([a-z0-9][a-z0-9-]*)'/.exec(m.message || '');
    if (!path.startsWith('skills') || !named) return path;
    const at = skillsList().findIndex((s) => skillId(s) === named[1]);
    return at >= 0 ? `skills[${at}]` : path;
  }

  function showMessages() {
    root.querySelectorAll('.ed-msg').forEach((m) => m.remove());
    root.querySelectorAll('[aria-invalid]').forEach((el) => {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.startsWith('ed-msg-'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    });
    messages.forEach((m, k) => {
      const el = place(pathOf(m));
      if (!el) return;
      const id = `ed-msg-${k}`;
      const note = h('p', { class: 'ed-msg', id }, h('span', { text: m.message }), m.fix ? h('span', { class: 'ed-fix', text: ` ${m.fix}` }) : null);
      const control = el.matches('input, select, textarea') ? el : null;
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') || ''} ${id}`.trim());
        control.closest('.ed-field').append(note);
      } else el.append(note);
    });
    const box = document.getElementById('ed-summary');
    const ul = document.getElementById('ed-summary-list');
    box.hidden = !messages.length;
    ul.replaceChildren(...messages.map((m) =>
      h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => goTo(pathOf(m)) }, where(pathOf(m))),
        ` ${m.message}`)));
  }

  /** "Problem 3", "Question 2", "Title": where a message's path points, in words. */
  function where(path) {
    const m = /^(annotations|decoys|questions|skills)\[(\d+)\]/.exec(path);
    const skill = m && m[1] === 'skills' ? skillId(skillsList()[Number(m[2])]) : '';
    if (skill) return `Skill “${skillName(skill)}”:`;
    if (m) return `${{ annotations: 'Problem', decoys: 'Decoy', questions: 'Question', skills: 'Skill' }[m[1]]} ${Number(m[2]) + 1}:`;
    const top = path.split(/[.[]/)[0];
    return `${top ? top[0].toUpperCase() + top.slice(1).replace('_', ' ') : 'The quiz'}:`;
  }

  function goTo(path) {
    const m = /^(annotations|decoys)\[(\d+)\]/.exec(path);
    if (m && list(m[1])[Number(m[2])]) openPanel(m[1], Number(m[2]));
    let el = place(path);
    if (!el) {
      const section = SECTIONS.find(([k]) => path.startsWith(k));
      el = section ? document.getElementById(`${section[1]}-h`) : document.getElementById('ed-settings-h');
    }
    const target = el.matches('input, select, textarea, button') ? el : el.querySelector('input, select, textarea, button') || el;
    if (!target.matches('input, select, textarea, button')) target.tabIndex = -1;
    target.focus();
    target.scrollIntoView({ block: 'center' });
  }

  // ---------------------------------------------------------------- rendering
  function renderAll() {
    mark();
    renderList();
    renderSuggestions();
    renderNewSkill();
    renderPanel();
    renderQuestions();
    renderSkills();
    showMessages();
  }

  /** The document changed: re-mark, re-list, and autosave soon. A typed character leaves the
   * question and settings forms alone, so focus and caret stay where they are. */
  function changed({ rerender = true } = {}) {
    dirty = true;
    const active = document.activeElement;
    const path = active?.dataset?.path;
    mark();
    renderList();
    if (rerender) {
      renderSuggestions();
      renderNewSkill();
      if (!panel.contains(active)) renderPanel();
      renderQuestions();
      renderSkills();
      showMessages();
      if (path && !document.body.contains(active)) root.querySelector(`[data-path="${CSS.escape(path)}"]`)?.focus();
    }
    if (!conflict) status('Not saved yet: saving in a moment…', 'pending');
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY);
  }

  // ---------------------------------------------------------------- saving
  const url = root.dataset.dataUrl;
  async function request(method, target, body, extra = {}) {
    return fetch(target, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      ...extra,
    });
  }

  async function save() {
    clearTimeout(timer);
    if (conflict || !dirty) return saving;
    if (saving) {
      await saving;
      return save();
    }
    dirty = false;
    status('Saving…', 'saving');
    saving = (async () => {
      try {
        const res = await request('PUT', url, { document: doc, revision });
        const data = await res.json().catch(() => ({}));
        if (res.ok) {
          revision = data.revision;
          messages = Array.isArray(data.messages) ? data.messages : [];
          showMessages();
          status(dirty ? 'Saving…' : 'Saved', dirty ? 'saving' : 'saved');
        } else if (res.status === 409) {
          conflict = true;
          dirty = true;
          showConflict();
        } else {
          dirty = true;
          status(`Not saved: ${data.error || data.description || `the server answered ${res.status}`}`, 'error');
        }
      } catch {
        dirty = true;
        status('Not saved: no connection to the server; trying again in a few seconds.', 'error');
        timer = setTimeout(save, RETRY_DELAY);
      } finally {
        saving = null;
      }
    })();
    await saving;
    if (dirty && !conflict && !timer) timer = setTimeout(save, SAVE_DELAY);
  }

  function showConflict() {
    status('Not saved: this draft was changed in another tab or window. ', 'error');
    statusEl.append(h('button', { type: 'button', onclick: () => window.location.reload() }, 'Reload the newer draft'));
    announce('Not saved: this draft was changed in another tab or window. Reload to see it.');
  }

  // Leaving with changes not yet sent: send them on the way out.
  const flushOnLeave = () => {
    if (!dirty || conflict) return;
    dirty = false;
    request('PUT', url, { document: doc, revision }, { keepalive: true }).catch(() => {});
  };
  window.addEventListener('pagehide', flushOnLeave);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && save());

  // Preview shows the saved draft: save first.
  const previewForm = document.getElementById('ed-preview-form');
  previewForm.addEventListener('submit', async (e) => {
    if (!dirty && !saving) return;
    e.preventDefault();
    await save();
    if (!dirty) previewForm.submit();
  });

  const publishBtn = document.getElementById('ed-publish');
  const published = document.getElementById('ed-published');
  publishBtn.addEventListener('click', async () => {
    if (publishBtn.getAttribute('aria-disabled') === 'true') return;
    await save();
    if (conflict || dirty) return announce('Save the draft first.');
    publishBtn.setAttribute('aria-disabled', 'true');
    status('Saving a version…', 'saving');
    try {
      const res = await request('POST', root.dataset.publishUrl, {});
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        status('Saved', 'saved');
        published.replaceChildren(
          h('p', { class: 'flash flash-success' }, `Saved as a version (${String(data.digest || '').slice(0, 12)}). `,
            data.url ? h('a', { href: data.url, text: 'Open the quiz' }) : null, ' · ',
            h('a', { href: '/teach', text: 'Assign it to a class' })),
        );
      } else if (res.status === 400 && Array.isArray(data.messages)) {
        messages = data.messages;
        showMessages();
        status(`Not saved as a version: ${plural(messages.length, 'problem')} to fix, listed at the top.`, 'error');
        published.replaceChildren();
        document.getElementById('ed-summary').focus();
      } else {
        status(`Not saved as a version: ${data.error || data.description || `the server answered ${res.status}`}`, 'error');
      }
    } catch {
      status('Not saved as a version: no connection to the server.', 'error');
    } finally {
      publishBtn.removeAttribute('aria-disabled');
    }
  });

  document.getElementById('ed-add-annotation').addEventListener('click', () => addFromSelection('annotations'));
  document.getElementById('ed-add-decoy').addEventListener('click', () => addFromSelection('decoys'));
  document.getElementById('ed-accept-all').addEventListener('click', acceptAbove);

  // ---------------------------------------------------------------- start
  (async () => {
    try {
      const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      const data = await res.json();
      doc = data.document && typeof data.document === 'object' ? data.document : {};
      text = data.article || '';
      revision = data.revision;
      messages = Array.isArray(data.messages) ? data.messages : [];
    } catch (err) {
      status(`Not loaded: ${err.message}. Reload the page.`, 'error');
      return;
    }
    renderSettings();
    direction();
    renderAll();
    status('Saved', 'saved');
    try {
      const res = await fetch(root.dataset.suggestionsUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      suggestions = res.ok ? (await res.json()).suggestions || [] : [];
    } catch {
      suggestions = [];
    }
    mark();
    renderSuggestions();
    root.dataset.ready = '1';
  })();
}
