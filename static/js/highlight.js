// highlight.js: lets a student mark words of #article for the active "spot" or "label"
// question, by pointer (click, drag; mouse, pen, touch) or keyboard alone.
// A selection is a Map of token index -> label ('' for spot questions), so touching or
// overlapping highlights merge by themselves. The hidden inputs are the source of truth
// between page loads: we read them on start and write them after every change.

const HIGHLIGHT_TYPES = new Set(['spot', 'label']);
const MAX_UNDO = 100;
const MAX_QUOTES = 4; // summaries quote this many passages, then say "and N more"
import { t, tn } from './texts.js';

// Every word shown or announced comes from the page, in its language (texts.js).
const countText = (n) => (n ? tn('selectedCount', n) : t('noWords'));
// Quoted article text is bidi-isolated (FSI…PDI) so Arabic quotes keep their order.
const clip = (s) => t('quote', { quote: `\u2068${s.length > 60 ? `${s.slice(0, 57)}…` : s}\u2069` });
const sameSel = (a, b) => a.size === b.size && [...a].every(([i, l]) => b.get(i) === l);

/** "0-13,13-706" -> [[0, 13], [13, 706]] (stop excluded); no attribute: everything. */
function parseScope(text) {
  if (!text) return null;
  return text.split(',').map((r) => r.split('-').map(Number)).filter(([a, b]) => b > a);
}

function readQuestion(el) {
  const prefix = `q.${el.dataset.question}.`;
  const hidden = [...el.querySelectorAll('input[type=hidden]')];
  const picker = [...el.querySelectorAll('.label-picker input[type=radio]')];
  const labels = picker.map((r) => ({
    value: r.value,
    name: r.closest('label')?.textContent.trim() || r.value,
    input: hidden.find((i) => i.name === `${prefix}label.${r.value}`),
  }));
  return {
    el,
    type: el.dataset.type,
    scope: parseScope(el.dataset.scope),
    legend: el.querySelector('legend')?.textContent.trim() || el.dataset.question,
    picker,
    labels,
    input: hidden.find((i) => i.name === `${prefix}tokens`),
    summary: el.querySelector('.selection-summary'),
    activateBtn: el.querySelector('button.activate'),
    undoBtn: el.querySelector('button.undo'),
    clearBtn: el.querySelector('button.clear'),
    sel: new Map(),
    undo: [],
  };
}

export function initHighlighter(form, { announcer = document.getElementById('announcer') } = {}) {
  const article = form.querySelector('#article');
  const questions = [...form.querySelectorAll('fieldset.question')]
    .filter((f) => HIGHLIGHT_TYPES.has(f.dataset.type))
    .map(readQuestion);
  if (!article || !questions.length) return null;

  // Tokens in document order; "p" below is a position in this list, "i" a token index.
  const tokens = [...article.querySelectorAll('.tok[data-i]')];
  const idx = tokens.map((t) => Number(t.dataset.i));
  const blocks = tokens.map((t) => t.closest('[data-block]')?.dataset.block ?? '');
  const posOf = new Map(idx.map((i, p) => [i, p]));
  let active = null;
  let cursor = -1;
  let drag = null; // pointer gesture in progress
  let extending = null; // question whose Shift+arrow run is one undo step

  // --- set-up: the article becomes one tab stop with a described keyboard model
  const help = document.createElement('p');
  help.id = 'hl-help';
  help.className = 'visually-hidden';
  help.textContent = t('help');
  article.after(help);
  Object.entries({
    tabindex: '0',
    role: 'group',
    'aria-roledescription': 'highlighter',
    'aria-describedby': help.id,
  }).forEach(([k, v]) => article.setAttribute(k, v));
  article.classList.add('highlighter');
  const bar = makeBar();

  // --- model helpers
  const inScope = (q, i) => !q.scope || q.scope.some(([a, b]) => i >= a && i < b);
  const movable = (p) => p >= 0 && p < tokens.length && inScope(active, idx[p]);
  const newLabel = (q) =>
    q.type === 'label' ? (q.picker.find((r) => r.checked) ?? q.picker[0])?.value ?? '' : '';
  const labelName = (q, v) => q.labels.find((l) => l.value === v)?.name ?? v;
  /** "Selected: …" or "Selected as Loaded language: …", of ``text``. */
  const verb = (q, label, text) =>
    q.type === 'label'
      ? t('selectedAs', { label: labelName(q, label), text })
      : t('selected', { text });

  function load(q) {
    q.sel = new Map();
    const add = (input, label) => {
      for (const s of (input?.value ?? '').split(',')) {
        const i = Number.parseInt(s, 10);
        if (posOf.has(i) && inScope(q, i)) q.sel.set(i, label);
      }
    };
    if (q.type === 'spot') add(q.input, '');
    else q.labels.forEach((l) => add(l.input, l.value));
  }

  function save(q) {
    const list = (label) =>
      [...q.sel].filter(([, l]) => l === label).map(([i]) => i).sort((a, b) => a - b).join(',');
    if (q.input) q.input.value = list('');
    q.labels.forEach((l) => l.input && (l.input.value = list(l.value)));
  }

  /** Runs of consecutive selected tokens with one label inside one block. */
  function runs(q) {
    const out = [];
    let run = null;
    tokens.forEach((_, p) => {
      const label = q.sel.get(idx[p]);
      if (label === undefined) run = null;
      else if (run && run.label === label && blocks[p] === blocks[run.from]) run.to = p;
      else out.push((run = { label, from: p, to: p }));
    });
    return out;
  }

  /** The text from token position a to b, punctuation included, blocks joined by " … ". */
  function textOf(a, b) {
    const parts = [];
    for (let s = a; s <= b; ) {
      let e = s;
      while (e < b && blocks[e + 1] === blocks[s]) e++;
      const r = document.createRange();
      r.setStartBefore(tokens[s]);
      r.setEndAfter(tokens[e]);
      parts.push(r.toString().replace(/\s+/g, ' ').trim());
      s = e + 1;
    }
    return parts.join(' … ');
  }

  /** The text of the selected run that holds position p. */
  function runText(q, p) {
    const run = runs(q).find((r) => r.from <= p && p <= r.to);
    return run ? textOf(run.from, run.to) : tokens[p].textContent;
  }
  const quotes = (rs) =>
    rs.slice(0, MAX_QUOTES).map((r) => clip(textOf(r.from, r.to))).join(t('listSeparator')) +
    (rs.length > MAX_QUOTES ? tn('more', rs.length - MAX_QUOTES) : '');

  function summaryText(q) {
    const rs = runs(q);
    if (!q.sel.size) return t('noWords');
    const head = { words: tn('words', q.sel.size), passages: tn('passages', rs.length) };
    if (q.type !== 'label') return t('summary', { ...head, quotes: quotes(rs) });
    const parts = q.labels.map((l) => {
      const n = [...q.sel.values()].filter((v) => v === l.value).length;
      const mine = rs.filter((r) => r.label === l.value);
      return n
        ? t('labelWords', { label: l.name, words: tn('words', n), quotes: quotes(mine) })
        : t('labelNone', { label: l.name });
    });
    return t('labelSummary', { ...head, parts: parts.join(t('partsSeparator')) });
  }

  // --- view
  function render() {
    const q = active;
    tokens.forEach((t, p) => {
      const label = q.sel.get(idx[p]);
      const n = q.type === 'label' ? q.labels.findIndex((l) => l.value === label) : -1;
      t.classList.toggle('sel', label !== undefined);
      t.classList.toggle('out-of-scope', !inScope(q, idx[p]));
      for (let k = 0; k < 6; k++) t.classList.toggle(`lab-${k}`, k === n);
    });
  }

  function showQuestion(q) {
    if (q.summary) q.summary.textContent = summaryText(q);
    q.undoBtn?.setAttribute('aria-disabled', String(!q.undo.length));
    q.clearBtn?.setAttribute('aria-disabled', String(!q.sel.size));
    if (q === active) {
      bar.text.textContent = q.legend;
      bar.n.textContent = tn('words', q.sel.size);
      bar.next.textContent = t(questions[questions.indexOf(q) + 1] ? 'next' : 'otherQuestions');
    }
  }

  function announce(msg) {
    if (!announcer) return;
    // The same text twice would not be spoken again: vary it invisibly.
    announcer.textContent = announcer.textContent === msg ? `${msg}\u00a0` : msg;
  }

  function setCursor(p, { scroll = false } = {}) {
    tokens[cursor]?.classList.remove('cursor');
    cursor = p;
    if (p < 0) return article.removeAttribute('aria-activedescendant'); // nothing in scope
    const t = tokens[p];
    t.classList.add('cursor');
    if (!t.id) t.id = `t-${idx[p]}`;
    article.setAttribute('aria-activedescendant', t.id);
    if (scroll) t.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  function describe(q, p) {
    const label = q.sel.get(idx[p]);
    const word = tokens[p].textContent;
    if (label === undefined) return t('wordOff', { word });
    if (q.type !== 'label') return t('wordOn', { word });
    return t('wordOnAs', { word, label: labelName(q, label).toLowerCase() });
  }

  // --- changes: every change is one undo step, saved to the inputs and announced
  function pushUndo(q, before) {
    q.undo.push(before);
    if (q.undo.length > MAX_UNDO) q.undo.shift();
  }

  function changed(q, message) {
    save(q);
    render();
    showQuestion(q);
    form.dispatchEvent(new Event('change', { bubbles: true })); // quiz.js saves on this
    if (message) announce(message);
  }

  function toggleAt(q, p) {
    if (!movable(p)) return;
    const before = new Map(q.sel);
    const label = newLabel(q);
    // A word with another label is relabelled rather than cleared.
    const on = q.sel.get(idx[p]) !== label;
    if (on) q.sel.set(idx[p], label);
    else q.sel.delete(idx[p]);
    pushUndo(q, before);
    const what = on
      ? verb(q, label, runText(q, p))
      : t('deselected', { text: tokens[p].textContent });
    changed(q, `${what}. ${countText(q.sel.size)}`);
  }

  function extend(q, to) {
    const before = new Map(q.sel);
    const label = newLabel(q);
    q.sel.set(idx[cursor], label).set(idx[to], label);
    setCursor(to, { scroll: true });
    if (sameSel(before, q.sel)) return announce(describe(q, to));
    if (extending !== q) pushUndo(q, before);
    extending = q;
    changed(q, `${verb(q, label, runText(q, to))}. ${countText(q.sel.size)}`);
  }

  function undo(q) {
    extending = null;
    const prev = q.undo.pop();
    if (!prev) return announce(t('nothingToUndo'));
    q.sel = prev;
    changed(q, `${t('undone')} ${countText(q.sel.size)}`);
  }

  function clear(q) {
    if (!q.sel.size) return announce(t('nothingToClear'));
    pushUndo(q, q.sel);
    q.sel = new Map();
    changed(q, t('cleared'));
  }

  function activate(q, { focus = false } = {}) {
    if (q !== active) {
      active = q;
      extending = null;
      for (const o of questions) {
        o.el.classList.toggle('active', o === q);
        o.activateBtn?.setAttribute('aria-pressed', String(o === q));
      }
      article.setAttribute('aria-label', t('articleFor', { question: q.legend }));
      if (!movable(cursor)) setCursor(step(-1, 1));
      render();
      showQuestion(q);
    }
    if (focus) {
      article.focus({ preventScroll: true });
      if (cursor >= 0) tokens[cursor].scrollIntoView({ block: 'nearest' });
      else article.scrollIntoView({ block: 'start' });
    }
  }

  // --- keyboard
  function step(from, dir) {
    for (let p = from + dir; p >= 0 && p < tokens.length; p += dir) if (movable(p)) return p;
    return -1;
  }

  /** First word of the next (dir 1) or previous (dir -1) paragraph that has words in scope. */
  function blockStep(from, dir) {
    const starts = [];
    tokens.forEach((_, p) => {
      if (movable(p) && blocks[p] !== blocks[starts[starts.length - 1]]) starts.push(p);
    });
    const k = starts.findIndex((s) => blocks[s] === blocks[from]);
    return starts[k + dir] ?? -1;
  }

  /** Where an arrow, Home or End key takes the cursor: a position, -1 at an edge, or null. */
  function target(key) {
    // Left and Right are visual: in a right-to-left article Left goes to the next word.
    const forward = getComputedStyle(article).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    switch (key) {
      case 'ArrowRight':
      case 'ArrowLeft':
        return step(cursor, key === forward ? 1 : -1);
      case 'ArrowDown':
      case 'ArrowUp':
        return blockStep(cursor, key === 'ArrowDown' ? 1 : -1);
      case 'Home':
        return step(-1, 1);
      case 'End':
        return step(tokens.length, -1);
      default:
        return null;
    }
  }

  function onKey(e) {
    const q = active;
    const key = e.key;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && key.toLowerCase() === 'z') {
      e.preventDefault();
      if (!e.shiftKey) undo(q);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return; // leave browser shortcuts alone
    const to = target(key);
    const shiftRun = e.shiftKey && (key === 'ArrowRight' || key === 'ArrowLeft');
    if (to === null && ![' ', 'Enter', 'Escape'].includes(key)) return;
    e.preventDefault();
    article.classList.add('kbd'); // the cursor ring is shown to keyboard users only
    if (!shiftRun) extending = null;
    if (key === ' ' || key === 'Enter') toggleAt(q, cursor);
    else if (key === 'Escape') {
      q.el.tabIndex = -1;
      q.el.focus();
    } else if (to < 0) {
      announce(t(cursor < 0 ? 'noWordsHere' : 'noMoreWords'));
    } else if (shiftRun && cursor >= 0) extend(q, to);
    else {
      setCursor(to, { scroll: true });
      announce(describe(q, to));
    }
  }

  // --- pointer: press on a word, drag over others; the range follows the first word's new state
  const tokenPos = (el) => {
    const t = el?.closest?.('.tok[data-i]');
    return t && article.contains(t) ? posOf.get(Number(t.dataset.i)) : undefined;
  };

  function applyDrag(d, p) {
    const { q, anchor, mode, base } = d;
    d.last = p;
    q.sel = new Map(base);
    for (let k = Math.min(anchor, p); k <= Math.max(anchor, p); k++) {
      if (!inScope(q, idx[k])) continue;
      if (mode === null) q.sel.delete(idx[k]);
      else q.sel.set(idx[k], mode);
    }
    render();
  }

  function onPointerDown(e) {
    article.classList.remove('kbd');
    extending = null;
    const p = tokenPos(e.target);
    if (drag || e.button !== 0 || p === undefined || !movable(p)) return;
    const q = active;
    const label = newLabel(q);
    drag = { q, id: e.pointerId, anchor: p, last: null, base: new Map(q.sel) };
    drag.mode = q.sel.get(idx[p]) === label ? null : label; // null: this drag deselects
    setCursor(p);
    // Capture so the drag survives leaving the article; moves are hit-tested by position.
    try {
      article.setPointerCapture(e.pointerId);
    } catch {
      /* pointer already gone */
    }
  }

  function onPointerMove(e) {
    if (!drag || e.pointerId !== drag.id) return;
    const p = tokenPos(document.elementFromPoint(e.clientX, e.clientY));
    if (p === undefined || p === drag.last) return;
    if (drag.last !== null || p !== drag.anchor) applyDrag(drag, p); // wait to leave the first word
  }

  function onPointerUp(e) {
    if (!drag || e.pointerId !== drag.id) return;
    const d = drag;
    drag = null;
    if (e.type === 'pointercancel') {
      d.q.sel = d.base; // the browser took the gesture (a scroll): nothing was meant
      return render();
    }
    if (d.last === null) applyDrag(d, d.anchor); // a plain click or tap
    if (sameSel(d.base, d.q.sel)) return;
    pushUndo(d.q, d.base);
    const [a, b] = [Math.min(d.anchor, d.last), Math.max(d.anchor, d.last)];
    const text = textOf(a, b);
    const what = d.mode === null ? t('deselected', { text }) : verb(d.q, d.mode, text);
    setCursor(d.last);
    changed(d.q, `${what}. ${countText(d.q.sel.size)}`);
  }

  /** The next highlighting question, or past the last one, the questions that follow it. */
  function next() {
    const q = questions[questions.indexOf(active) + 1];
    if (!q) return active.el.nextElementSibling?.scrollIntoView({ block: 'start' });
    activate(q);
    announce(t('highlightingFor', { question: q.legend }));
    // Stay where the reader is, unless the question is about other paragraphs only.
    if (q.scope && cursor >= 0) tokens[cursor].scrollIntoView({ block: 'nearest' });
  }

  // --- the bar shown on phones above the article while highlighting: the whole question
  // (tap it to fold it to two lines or open it again), its word count, Undo, a way to the
  // question and on to the next one. Pointer convenience only: the same controls are in
  // the questions, so it is hidden from assistive technology.
  function makeBar() {
    const el = document.createElement('div');
    el.className = 'hl-bar';
    el.setAttribute('aria-hidden', 'true');
    const mk = (parent, cls, text) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.tabIndex = -1;
      b.className = cls;
      b.textContent = text;
      return parent.appendChild(b);
    };
    const q = mk(el, 'hl-bar-q', '');
    const text = q.appendChild(document.createElement('span'));
    const row = el.appendChild(document.createElement('div'));
    row.className = 'hl-bar-row';
    const n = row.appendChild(document.createElement('span'));
    n.className = 'hl-bar-n';
    const u = mk(row, 'hl-bar-undo', t('undo'));
    const go = mk(row, 'hl-bar-go', t('toQuestion'));
    const nx = mk(row, 'hl-bar-next', t('next'));
    q.addEventListener('click', () => el.classList.toggle('folded'));
    u.addEventListener('click', () => undo(active));
    go.addEventListener('click', () => active.el.scrollIntoView({ block: 'start' }));
    nx.addEventListener('click', next);
    article.before(el);
    return { text, n, next: nx };
  }

  // --- wiring
  const questionOf = (el) => questions.find((q) => q.el.contains(el));
  form.addEventListener('focusin', (e) => {
    const q = questionOf(e.target);
    if (q) activate(q);
  });
  // Pressing a question's button makes it active, which restyles the question under the
  // pointer: the click may then land on the fieldset, so remember where the press began.
  let pressed = null;
  form.addEventListener('pointerdown', (e) => (pressed = e.target.closest?.('button') ?? null));
  form.addEventListener('click', (e) => {
    const q = questionOf(e.target);
    if (!q) return;
    const btn = e.target.closest('button') ?? (e.detail ? pressed : null);
    pressed = null;
    if (btn === q.activateBtn) activate(q, { focus: true });
    else activate(q);
    if (btn === q.undoBtn) undo(q);
    if (btn === q.clearBtn) clear(q);
  });
  form.addEventListener('keydown', (e) => {
    // Ctrl+Z also works while focus is in a highlight question.
    const q = questionOf(e.target);
    if (q && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !e.shiftKey) {
      e.preventDefault();
      undo(q);
    }
  });
  article.addEventListener('keydown', onKey);
  article.addEventListener('keyup', (e) => e.key === 'Shift' && (extending = null));
  article.addEventListener('pointerdown', onPointerDown);
  article.addEventListener('pointermove', onPointerMove);
  article.addEventListener('pointerup', onPointerUp);
  article.addEventListener('pointercancel', onPointerUp);

  function reload() {
    for (const q of questions) {
      load(q);
      q.undo = [];
      showQuestion(q);
    }
    render();
  }

  questions.forEach(load);
  activate(questions[0]);
  questions.forEach(showQuestion);

  return {
    reload,
    activate: (id) => {
      const q = questions.find((o) => o.el.dataset.question === id);
      if (q) activate(q);
    },
  };
}
