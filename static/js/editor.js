// editor.js: the quiz editor of a draft. The document (the quiz mapping, as in a YAML file)
// is the one source of truth: every control edits it, every change re-marks the article and
// schedules an autosave (PUT /data with the revision), and the validator's messages that the
// save returns are shown beside the field whose path they name. Words are selected with the
// students' own highlighter (highlight.js), driven by a one-question "spot" fieldset.
import { anchorAt, locate, passage, setQuote, tokensIn } from './editor/anchor.js';
import { field, h } from './editor/dom.js';
import { renderQuestions, renderSettings, renderSkills } from './editor/forms.js';
import { showMessages as show } from './editor/messages.js';
import { marks, quoted, t, tn } from './editor/texts.js';
import { initHighlighter } from './highlight.js';

document.documentElement.classList.add('js');
const root = document.getElementById('editor');
if (root) start(root);

const SAVE_DELAY = 1200; // ms after the last change
const RETRY_DELAY = 5000;

function start(root) {
  const form = document.getElementById('ed-form');
  const article = document.getElementById('article');
  const statusEl = document.getElementById('ed-status');
  const announcer = document.getElementById('announcer');
  const builtin = JSON.parse(root.dataset.builtin);
  const levels = JSON.parse(root.dataset.levels);
  const types = JSON.parse(root.dataset.types);
  const rtl = new Set(JSON.parse(root.dataset.rtl));
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

  form.addEventListener('submit', (e) => e.preventDefault());
  const hl = initHighlighter(form, { announcer });
  const selInput = form.querySelector('input[name="q.sel.tokens"]');

  // ---------------------------------------------------------------- status and announcements
  function status(msg, kind = '') {
    if (statusEl.textContent !== msg) statusEl.textContent = msg; // spoken once, not each key
    statusEl.dataset.kind = kind;
  }
  function announce(msg) {
    announcer.textContent = announcer.textContent === msg ? `${msg}\u00a0` : msg;
  }

  // ---------------------------------------------------------------- the article's words
  const skillsList = () => (Array.isArray(doc.skills) ? doc.skills : []);
  const skillId = (s) => (typeof s === 'string' ? s : (s?.id ?? ''));
  const custom = () => skillsList().filter((s) => s && typeof s === 'object');
  function skillName(id) {
    const b = builtin.find((s) => s.id === id);
    if (b) return b.name;
    return custom().find((s) => s.id === id)?.name || id || t('noSkill');
  }
  function ensureSkill(id) {
    if (!id || skillsList().some((s) => skillId(s) === id)) return;
    doc.skills = [...skillsList(), id];
  }
  const list = (key) => (Array.isArray(doc[key]) ? doc[key] : (doc[key] = []));

  // What the forms and messages modules need of the editor (editor/forms.js, messages.js).
  const ed = {
    get doc() {
      return doc;
    },
    builtin,
    levels,
    types,
    changed,
    announce,
    skillName,
    skillsList,
    skillId,
    ensureSkill,
    list,
    direction,
    openPanel: (key, index) => openPanel(key, index),
  };

  // Where each quote stands, found once: every change re-marks every span and suggestion.
  const placed = new Map();
  function where(span) {
    if (!span || typeof span !== 'object') return null;
    const key = JSON.stringify([span.quote, span.occurrence, span.prefix, span.suffix]);
    if (!placed.has(key)) placed.set(key, locate(text, span));
    return placed.get(key);
  }
  const wordsOf = (r) => tokensIn(tokens, r);
  const selection = () => passage(text, tokens, selInput.value);

  function clearSelection() {
    selInput.value = '';
    hl?.reload();
  }

  function uniqueId(base) {
    const taken = new Set([...list('annotations'), ...list('decoys')].map((a) => a?.id));
    for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  // ---------------------------------------------------------------- marks on the article
  // Each mark is also a description of its words (hidden #ed-d-* in the page), read with
  // the word as the highlighter's keyboard cursor reaches it: not colour alone.
  let marked = [];
  function mark() {
    const add = (words, kind, ...classes) => {
      for (const t of words) {
        t.el.classList.add(...classes);
        const ids = new Set((t.el.getAttribute('aria-describedby') || '').split(' '));
        t.el.setAttribute('aria-describedby', [...ids, `ed-d-${kind}`].join(' ').trim());
      }
      marked.push(...words);
    };
    for (const t of marked) {
      t.el.classList.remove('ed-ann', 'ed-decoy', 'ed-sug', 'ed-arguable');
      t.el.removeAttribute('aria-describedby');
    }
    marked = [];
    for (const a of list('annotations'))
      add(wordsOf(where(a)), 'ann', 'ed-ann', ...(a?.arguable ? ['ed-arguable'] : []));
    for (const d of list('decoys')) add(wordsOf(where(d)), 'decoy', 'ed-decoy');
    for (const s of shownSuggestions()) add(wordsOf(s), 'sug', 'ed-sug');
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
      list('annotations').some((a) => a?.skill === s.skill && over(where(a))) ||
      list('decoys').some((d) => over(where(d)))
    );
  }
  const shownSuggestions = () => suggestions.filter((s) => !rejected.has(s.key) && !covered(s));

  function accept(s, { open = false, quiet = false } = {}) {
    ensureSkill(s.skill);
    const a = {
      id: uniqueId(s.skill),
      skill: s.skill,
      ...anchorAt(text, s.start, s.end),
      explanation: s.reason,
    };
    list('annotations').push(a);
    if (!quiet) {
      changed();
      announce(t('accepted', { quote: s.quote, skill: skillName(s.skill) }));
      if (open) openPanel('annotations', list('annotations').length - 1);
    }
    return a;
  }
  function reject(s) {
    rejected.add(s.key);
    keepRejected();
    renderAll();
    announce(t('rejected', { quote: s.quote }));
  }
  function acceptAbove() {
    const input = document.getElementById('ed-threshold');
    const least = Number.parseFloat(input.value);
    if (!(least >= 0 && least <= 1)) return announce(t('writeConfidence'));
    const chosen = shownSuggestions().filter((s) => s.confidence >= least);
    chosen.forEach((s) => accept(s, { quiet: true }));
    if (chosen.length) changed();
    announce(
      tn('acceptedAbove', chosen.length, { least: least.toLocaleString(document.documentElement.lang || 'en') }),
    );
  }

  function renderSuggestions() {
    const ol = document.getElementById('ed-sug-list');
    const shown = shownSuggestions();
    const focusKey = document.activeElement?.closest?.('[data-key]')?.dataset.key;
    ol.replaceChildren(
      ...shown.map((s, n) =>
        h(
          'li',
          { class: 'ed-item ed-item-sug', 'data-key': s.key },
          h(
            'p',
            { class: 'ed-quote' },
            marks()[0],
            h('bdi', { lang: doc.language || 'en', text: s.quote }),
            marks()[1],
          ),
          h('p', {
            class: 'ed-kind',
            text: `${skillName(s.skill)} · ${t('confidence', { value: s.confidence.toLocaleString(document.documentElement.lang || 'en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) })}`,
          }),
          h('p', { class: 'ed-reason', lang: s.reasonLang || 'en', text: s.reason }),
          h(
            'p',
            { class: 'ed-buttons' },
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  accept(s);
                  focusAfter(ol, n);
                },
              },
              t('accept'),
              h('span', { class: 'visually-hidden', text: ` ${quoted(s.quote)}` }),
            ),
            h(
              'button',
              { type: 'button', onclick: () => accept(s, { open: true }) },
              t('edit'),
              h('span', { class: 'visually-hidden', text: ` ${quoted(s.quote)}` }),
            ),
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  reject(s);
                  focusAfter(ol, n);
                },
              },
              t('reject'),
              h('span', { class: 'visually-hidden', text: ` ${quoted(s.quote)}` }),
            ),
          ),
        ),
      ),
    );
    if (!shown.length)
      ol.append(
        h('li', {
          text: suggestions.length ? t('noSuggestionsLeft') : t('noSuggestions'),
        }),
      );
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
    const span =
      kind === 'decoys'
        ? { id: uniqueId('decoy'), looks_like: skill }
        : { id: uniqueId(skill), skill };
    setQuote(text, span, sel.start, sel.end);
    span.explanation = '';
    ensureSkill(skill);
    list(kind).push(span);
    clearSelection();
    changed();
    openPanel(kind, list(kind).length - 1);
    announce(
      t(kind === 'decoys' ? 'addedDecoy' : 'addedProblem', { quote: sel.quote }),
    );
  }

  function renderList() {
    const ol = document.getElementById('ed-list');
    const items = [];
    for (const key of ['annotations', 'decoys']) {
      list(key).forEach((a, index) => {
        if (!a || typeof a !== 'object') return;
        const decoy = key === 'decoys';
        const skill = decoy ? a.looks_like : a.skill;
        const what = t(decoy ? 'decoyQuote' : 'problemQuote', { quote: a.quote || t('noQuote') });
        items.push(
          h(
            'li',
            {
              class: `ed-item ${decoy ? 'ed-item-decoy' : 'ed-item-ann'}`,
              'data-path': `${key}[${index}]`,
            },
            h(
              'p',
              { class: 'ed-quote' },
              marks()[0],
              h('bdi', { lang: doc.language || 'en', text: a.quote || '' }),
              marks()[1],
            ),
            h('p', {
              class: 'ed-kind',
              text: `${t(decoy ? 'kindDecoy' : 'kindProblem', { skill: skillName(skill) })}${a.arguable ? t('arguableMark') : ''}${a.core ? t('coreMark', { core: a.core }) : ''}`,
            }),
            h('p', { class: 'ed-reason', text: a.explanation || t('noExplanation') }),
            h(
              'p',
              { class: 'ed-buttons' },
              h(
                'button',
                {
                  type: 'button',
                  'data-edit': `${key}[${index}]`,
                  onclick: () => openPanel(key, index),
                },
                t('edit'),
                h('span', { class: 'visually-hidden', text: ` ${what}` }),
              ),
              h(
                'button',
                { type: 'button', onclick: () => remove(key, index) },
                t('delete'),
                h('span', { class: 'visually-hidden', text: ` ${what}` }),
              ),
            ),
          ),
        );
      });
    }
    ol.replaceChildren(...items);
    if (!items.length)
      ol.append(h('li', { text: t('noneYet') }));
  }

  function remove(key, index) {
    const [a] = list(key).splice(index, 1);
    if (editing && editing.list === key) {
      if (editing.index === index) closePanel(false);
      else if (editing.index > index) editing.index--;
    }
    changed();
    announce(t('deleted', { quote: a?.quote ?? '' }));
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
      announce(t('closed'));
    }
  }

  function skillOptions(selected) {
    const ids = [
      ...builtin.map((s) => s.id),
      ...custom()
        .map((s) => s.id)
        .filter(Boolean),
    ];
    if (selected && !ids.includes(selected)) ids.push(selected);
    return ids.map((id) =>
      h('option', { value: id, text: skillName(id), selected: id === selected }),
    );
  }

  function renderPanel() {
    if (!editing) return;
    const { list: key, index } = editing;
    const a = list(key)[index];
    if (!a) return closePanel(false);
    const decoy = key === 'decoys';
    const path = `${key}[${index}]`;
    document.getElementById('ed-panel-h').textContent =
      t(decoy ? 'decoyN' : 'problemN', { n: index + 1 });
    const skillKey = decoy ? 'looks_like' : 'skill';
    const body = [
      h(
        'p',
        { class: 'ed-quote', 'data-path': `${path}.quote` },
        `${t('quoteLabel')} ${marks()[0]}`,
        h('bdi', { lang: doc.language || 'en', text: a.quote || '' }),
        marks()[1],
      ),
      h(
        'p',
        {},
        h(
          'button',
          { type: 'button', 'data-from': 'quote', onclick: () => fromSelection('quote') },
          t('useAsQuote'),
        ),
      ),
      field({
        onChange: changed,
        label: decoy ? t('looksLike') : t('skill'),
        path: `${path}.${skillKey}`,
        kind: 'select',
        options: skillOptions(a[skillKey]),
        set: (v) => {
          a[skillKey] = v;
          ensureSkill(v);
        },
      }),
    ];
    if (!decoy) {
      body.push(
        field({
          onChange: changed,
          label: t('coreLabel'),
          path: `${path}.core`,
          value: a.core ?? '',
          help: t('coreHelp'),
          set: (v) => (v ? (a.core = v) : delete a.core),
        }),
        h(
          'p',
          {},
          h(
            'button',
            { type: 'button', 'data-from': 'core', onclick: () => fromSelection('core') },
            t('useAsCore'),
          ),
        ),
      );
    }
    body.push(
      field({
        onChange: changed,
        label: t('arguableLabel'),
        path: `${path}.arguable`,
        kind: 'checkbox',
        value: Boolean(a.arguable),
        set: (v) => (v ? (a.arguable = true) : delete a.arguable),
      }),
      field({
        onChange: changed,
        label: t('explanation'),
        path: `${path}.explanation`,
        kind: 'textarea',
        value: a.explanation ?? '',
        help: decoy ? t('explanationDecoy') : t('explanationProblem'),
        set: (v) => (a.explanation = v),
      }),
      field({
        onChange: changed,
        label: t('fixLabel'),
        path: `${path}.fix`,
        kind: 'textarea',
        value: a.fix ?? '',
        help: t('fixHelp'),
        set: (v) => (v ? (a.fix = v) : delete a.fix),
      }),
      h(
        'p',
        { class: 'ed-buttons' },
        h('button', { type: 'button', class: 'primary', onclick: () => closePanel(true) }, t('done')),
        h('button', { type: 'button', onclick: () => remove(key, index) }, t('delete')),
      ),
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
      setQuote(text, a, sel.start, sel.end);
      if (a.core && !a.quote.includes(a.core)) delete a.core;
    } else {
      const r = where(a);
      if (!r || sel.start < r.start || sel.end > r.end)
        return announce(t('coreInside'));
      a.core = sel.quote;
    }
    clearSelection();
    changed();
    renderPanel(); // the panel holds the focus, so changed() left it as it was
    panel.querySelector(`[data-from="${what}"]`)?.focus();
    announce(t(what === 'quote' ? 'quoteNow' : 'coreNow', { quote: sel.quote }));
  }

  function direction() {
    const lang = doc.language || 'en';
    const own = doc.direction === 'ltr' || doc.direction === 'rtl' ? doc.direction : '';
    article.lang = lang;
    article.dir = own || (rtl.has(lang.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr');
    document.getElementById('ed-title').lang = lang;
  }

  function renderNewSkill() {
    const sel = document.getElementById('ed-new-skill');
    const keep = sel.value || skillId(skillsList()[0]) || builtin[0]?.id;
    sel.replaceChildren(...skillOptions(keep));
  }

  const showMessages = () => show(ed, root, messages);

  // ---------------------------------------------------------------- rendering
  function renderAll() {
    mark();
    renderList();
    renderSuggestions();
    renderNewSkill();
    renderPanel();
    renderQuestions(ed);
    renderSkills(ed);
    showMessages();
  }

  /** The document changed: re-mark, re-list, and autosave soon. A typed character leaves the
   * question and settings forms alone, so focus and caret stay where they are. */
  function changed({ rerender = true } = {}) {
    dirty = true;
    const active = document.activeElement;
    const path = active?.dataset?.path;
    renderList();
    if (rerender) {
      mark(); // typing changes no quote: the marks stay (long articles have many words)
      renderSuggestions();
      renderNewSkill();
      if (!panel.contains(active)) renderPanel();
      renderQuestions(ed);
      renderSkills(ed);
      showMessages();
      if (path && !document.body.contains(active))
        root.querySelector(`[data-path="${CSS.escape(path)}"]`)?.focus();
    }
    if (!conflict) status(t('saving'), 'saving');
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY);
  }

  // ---------------------------------------------------------------- saving
  const url = root.dataset.dataUrl;
  async function request(method, target, body, extra = {}) {
    return fetch(target, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'X-CSRFToken': csrf,
        Accept: 'application/json',
      },
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
    status(t('saving'), 'saving');
    saving = (async () => {
      try {
        const res = await request('PUT', url, { document: doc, revision });
        const data = await res.json().catch(() => ({}));
        if (res.ok) {
          revision = data.revision;
          messages = Array.isArray(data.messages) ? data.messages : [];
          showMessages();
          status(dirty ? t('saving') : t('saved'), dirty ? 'saving' : 'saved');
        } else if (res.status === 409) {
          conflict = true;
          dirty = true;
          showConflict();
        } else {
          dirty = true;
          status(
            t('notSaved', { reason: data.error || data.description || t('serverAnswered', { status: res.status }) }),
            'error',
          );
        }
      } catch {
        dirty = true;
        status(t('noConnection'), 'error');
        timer = setTimeout(save, RETRY_DELAY);
      } finally {
        saving = null;
      }
    })();
    await saving;
    if (dirty && !conflict && !timer) timer = setTimeout(save, SAVE_DELAY);
  }

  function showConflict() {
    status(`${t('conflict')} `, 'error');
    statusEl.append(
      h(
        'button',
        { type: 'button', onclick: () => window.location.reload() },
        t('reloadNewer'),
      ),
    );
    announce(t('conflictAnnounce'));
  }

  // Leaving with changes not yet sent: send them on the way out.
  const flushOnLeave = () => {
    if (!dirty || conflict) return;
    dirty = false;
    clearTimeout(timer);
    // Kept from the back/forward cache, the page reads the answer like any save's.
    request('PUT', url, { document: doc, revision }, { keepalive: true })
      .then((res) => (res.ok ? res.json() : null))
      .then((data) => {
        if (data) revision = data.revision;
        else dirty = true;
      })
      .catch(() => (dirty = true));
  };
  window.addEventListener('pagehide', flushOnLeave);
  document.addEventListener(
    'visibilitychange',
    () => document.visibilityState === 'hidden' && save(),
  );

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
    if (conflict || dirty) return announce(t('saveFirst'));
    publishBtn.setAttribute('aria-disabled', 'true');
    status(t('savingVersion'), 'saving');
    try {
      const res = await request('POST', root.dataset.publishUrl, {});
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        status(t('saved'), 'saved');
        published.replaceChildren(
          h(
            'p',
            { class: 'flash flash-success' },
            `${t('savedAsVersion', { digest: String(data.digest || '').slice(0, 12) })} `,
            data.url ? h('a', { href: data.url, text: t('openQuiz') }) : null,
            ' · ',
            h('a', { href: '/teach', text: t('assign') }),
          ),
        );
      } else if (res.status === 400 && Array.isArray(data.messages)) {
        messages = data.messages;
        showMessages();
        status(
          tn('versionProblems', messages.length),
          'error',
        );
        published.replaceChildren();
        document.getElementById('ed-summary').focus();
      } else {
        status(
          t('notVersion', { reason: data.error || data.description || t('serverAnswered', { status: res.status }) }),
          'error',
        );
      }
    } catch {
      status(t('notVersionConnection'), 'error');
    } finally {
      publishBtn.removeAttribute('aria-disabled');
    }
  });

  document
    .getElementById('ed-add-annotation')
    .addEventListener('click', () => addFromSelection('annotations'));
  document
    .getElementById('ed-add-decoy')
    .addEventListener('click', () => addFromSelection('decoys'));
  document.getElementById('ed-accept-all').addEventListener('click', acceptAbove);

  // ---------------------------------------------------------------- start
  (async () => {
    try {
      const res = await fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(t('serverAnswered', { status: res.status }));
      const data = await res.json();
      doc = data.document && typeof data.document === 'object' ? data.document : {};
      text = data.article || '';
      revision = data.revision;
      messages = Array.isArray(data.messages) ? data.messages : [];
    } catch (err) {
      status(t('notLoaded', { reason: err.message }), 'error');
      return;
    }
    renderSettings(ed);
    direction();
    renderAll();
    status(t('saved'), 'saved');
    try {
      const res = await fetch(root.dataset.suggestionsUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      suggestions = res.ok ? (await res.json()).suggestions || [] : [];
    } catch {
      suggestions = [];
    }
    mark();
    renderSuggestions();
    root.dataset.ready = '1';
  })();
}
