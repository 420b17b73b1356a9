// forms.js: the editor's forms for the parts of a quiz beside its annotations: questions
// (built by the engine, or written: spot, label, classify, choice), skills (built in and the
// quiz's own) and settings. Each control edits ``ed.doc`` and calls ``ed.changed``; ``ed`` is
// the editor's context (see editor.js).
import { field, h, nextId, numberOrText } from './dom.js';
import { quoted, t as tx, tn } from './texts.js';

let keptQuestions = null; // written questions kept while "built" is chosen, to switch back

export function renderQuestions(ed) {
  const body = document.getElementById('ed-questions-body');
  const written = Array.isArray(ed.doc.questions);
  const name = nextId('qmode');
  const radio = (value, label, help) =>
    h(
      'label',
      {},
      h('input', {
        type: 'radio',
        name,
        value,
        'data-path': `questions#${value}`,
        checked: written === (value === 'written'),
        onchange: () => setWritten(ed, value === 'written'),
      }),
      h('span', { text: label }),
      h('span', { class: 'help', text: help }),
    );
  const parts = [
    h(
      'fieldset',
      { class: 'ed-mode', 'data-path': 'questions' },
      h('legend', { text: tx('howMade') }),
      radio(
        'built',
        tx('builtLabel'),
        tx('builtHelp'),
      ),
      radio('written', tx('writtenLabel'), tx('writtenHelp')),
    ),
  ];
  if (written) {
    ed.doc.questions.forEach((q, n) => parts.push(questionCard(ed, q, n)));
    const typeSel = h(
      'select',
      { id: nextId('newtype') },
      ...ed.types.map((t) => h('option', { value: t, text: tx(`type.${t}`) })),
    );
    parts.push(
      h(
        'p',
        { class: 'ed-buttons' },
        h('label', { for: typeSel.id, class: 'ed-inline', text: tx('newType') }),
        typeSel,
        h(
          'button',
          { type: 'button', onclick: () => addQuestion(ed, typeSel.value) },
          tx('addQuestion'),
        ),
      ),
    );
  }
  body.replaceChildren(...parts);
}

function setWritten(ed, on) {
  if (on && !Array.isArray(ed.doc.questions)) {
    ed.doc.questions = keptQuestions || defaultQuestions(ed);
  } else if (!on && Array.isArray(ed.doc.questions)) {
    keptQuestions = ed.doc.questions;
    delete ed.doc.questions;
  }
  ed.changed({ rerender: true });
  ed.announce(
    on
      ? tn('writingQuestions', ed.doc.questions.length)
      : tx('builtAnnounce'),
  );
}

function defaultQuestions(ed) {
  const used = new Set(
    ed
      .list('annotations')
      .filter((a) => a && !a.arguable)
      .map((a) => a.skill),
  );
  const ids = ed
    .skillsList()
    .map(ed.skillId)
    .filter((id) => used.has(id));
  return ids.length
    ? ids.map((id) => ({ id: `spot-${id}`, type: 'spot', skills: [id] }))
    : [{ id: 'q1', type: 'spot' }];
}

function addQuestion(ed, type) {
  const taken = new Set(ed.doc.questions.map((q) => q?.id));
  let n = ed.doc.questions.length + 1;
  while (taken.has(`q${n}`)) n++;
  const q = { id: `q${n}`, type };
  if (type === 'choice')
    Object.assign(q, { prompt: '', options: [{ text: '', correct: true }, { text: '' }] });
  if (type === 'classify') q.span = [...ed.list('annotations'), ...ed.list('decoys')][0]?.id ?? '';
  ed.doc.questions.push(q);
  ed.changed({ rerender: true });
  document.querySelector(`[data-path="questions[${ed.doc.questions.length - 1}].type"]`)?.focus();
  ed.announce(tx('addedQuestion', { n: ed.doc.questions.length, type: tx(`type.${type}`) }));
}

function moveQuestion(ed, n, by) {
  const qs = ed.doc.questions;
  const m = n + by;
  if (m < 0 || m >= qs.length) return;
  [qs[n], qs[m]] = [qs[m], qs[n]];
  ed.changed({ rerender: true });
  document.querySelector(`[data-path="questions[${m}].type"]`)?.focus();
  ed.announce(tx('movedQuestion', { n: m + 1 }));
}

function checkboxes(ed, legend, path, chosen, ids, set) {
  return h(
    'fieldset',
    { class: 'ed-checks', 'data-path': path },
    h('legend', { text: legend }),
    ...ids.map((id) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          value: id,
          'data-path': `${path}#${id}`,
          checked: chosen.includes(id),
          onchange: (e) => {
            const now = new Set(chosen);
            if (e.target.checked) now.add(id);
            else now.delete(id);
            set(ids.filter((x) => now.has(x)));
            ed.changed();
          },
        }),
        h('span', { text: ed.skillName(id) }),
      ),
    ),
  );
}

function questionCard(ed, q, n) {
  const path = `questions[${n}]`;
  if (!q || typeof q !== 'object')
    return h('p', { 'data-path': path, text: tx('notMapping', { n: n + 1 }) });
  const headId = nextId('qh');
  const ids = ed.skillsList().map(ed.skillId).filter(Boolean);
  const parts = [
    h('h3', { id: headId, text: tx('questionN', { n: n + 1 }) }),
    field({
      onChange: ed.changed,
      label: tx('type'),
      path: `${path}.type`,
      kind: 'select',
      options: ed.types.map((t) =>
        h('option', { value: t, text: tx(`type.${t}`), selected: t === q.type }),
      ),
      set: (v) => {
        const keep = { id: q.id, type: v, prompt: q.prompt, points: q.points };
        for (const k of Object.keys(q)) delete q[k];
        for (const [k, x] of Object.entries(keep)) if (x !== undefined && x !== '') q[k] = x;
        if (v === 'choice') q.options = [{ text: '', correct: true }, { text: '' }];
      },
    }),
    field({
      onChange: ed.changed,
      label: tx('questionId'),
      path: `${path}.id`,
      value: q.id ?? '',
      set: (v) => (v ? (q.id = v) : delete q.id),
    }),
    field({
      onChange: ed.changed,
      label: q.type === 'choice' ? tx('prompt') : tx('promptOptional'),
      path: `${path}.prompt`,
      kind: 'textarea',
      value: q.prompt ?? '',
      set: (v) => (v ? (q.prompt = v) : delete q.prompt),
    }),
    field({
      onChange: ed.changed,
      label: tx('points'),
      path: `${path}.points`,
      value: q.points ?? '',
      attrs: { inputmode: 'decimal' },
      set: (v) => (v.trim() ? (q.points = numberOrText(v)) : delete q.points),
    }),
  ];
  if (q.type === 'spot' || q.type === 'label') {
    parts.push(
      checkboxes(
        ed,
        tx('skillsAsked'),
        `${path}.skills`,
        q.skills || [],
        ids,
        (v) => (v.length ? (q.skills = v) : delete q.skills),
      ),
      field({
        onChange: ed.changed,
        label: tx('paragraphs'),
        path: `${path}.paragraphs`,
        value: (q.paragraphs || []).join(', '),
        set: (v) => {
          const nums = v
            .split(/[\s,]+/)
            .filter(Boolean)
            .map(numberOrText);
          if (nums.length) q.paragraphs = nums;
          else delete q.paragraphs;
        },
      }),
      field({
        onChange: ed.changed,
        label: tx('emptyOnPurpose'),
        path: `${path}.empty`,
        kind: 'checkbox',
        value: q.empty,
        set: (v) => (v ? (q.empty = true) : delete q.empty),
      }),
    );
  } else if (q.type === 'classify') {
    const spans = [...ed.list('annotations'), ...ed.list('decoys')].filter((a) => a?.id);
    parts.push(
      field({
        onChange: ed.changed,
        label: tx('phraseAsked'),
        path: `${path}.span`,
        kind: 'select',
        options: [
          h('option', { value: '', text: tx('chooseSpan') }),
          ...spans.map((a) =>
            h('option', { value: a.id, text: `${quoted(a.quote)} (${a.id})`, selected: a.id === q.span }),
          ),
        ],
        set: (v) => (q.span = v),
      }),
      checkboxes(
        ed,
        tx('skillsOffered'),
        `${path}.options`,
        q.options || [],
        ids,
        (v) => (v.length ? (q.options = v) : delete q.options),
      ),
    );
  } else if (q.type === 'choice') {
    parts.push(choiceOptions(ed, q, path));
  }
  parts.push(
    h(
      'p',
      { class: 'ed-buttons' },
      h(
        'button',
        {
          type: 'button',
          onclick: () => moveQuestion(ed, n, -1),
          'aria-disabled': String(n === 0),
        },
        tx('moveUp'),
        h('span', { class: 'visually-hidden', text: ` ${tx('questionLower', { n: n + 1 })}` }),
      ),
      h(
        'button',
        {
          type: 'button',
          onclick: () => moveQuestion(ed, n, 1),
          'aria-disabled': String(n === ed.doc.questions.length - 1),
        },
        tx('moveDown'),
        h('span', { class: 'visually-hidden', text: ` ${tx('questionLower', { n: n + 1 })}` }),
      ),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            ed.doc.questions.splice(n, 1);
            ed.changed({ rerender: true });
            ed.announce(tx('deletedQuestion', { n: n + 1 }));
            document.getElementById('ed-questions-h').focus();
          },
        },
        tx('delete'),
        h('span', { class: 'visually-hidden', text: ` ${tx('questionLower', { n: n + 1 })}` }),
      ),
    ),
  );
  return h(
    'div',
    { class: 'card ed-question', role: 'group', 'aria-labelledby': headId, 'data-path': path },
    ...parts,
  );
}

function choiceOptions(ed, q, path) {
  if (!Array.isArray(q.options)) q.options = [];
  const multiple = q.multiple === true ? 'true' : q.multiple === false ? 'false' : '';
  return h(
    'div',
    { class: 'ed-options' },
    field({
      onChange: ed.changed,
      label: tx('answersTick'),
      path: `${path}.multiple`,
      kind: 'select',
      options: [
        ['', tx('asManyAsCorrect')],
        ['false', tx('one')],
        ['true', tx('several')],
      ].map(([v, t]) => h('option', { value: v, text: t, selected: v === multiple })),
      set: (v) => (v ? (q.multiple = v === 'true') : delete q.multiple),
    }),
    h(
      'ol',
      {},
      ...q.options.map((o, k) => {
        const op = `${path}.options[${k}]`;
        return h(
          'li',
          { 'data-path': op },
          field({
            onChange: ed.changed,
            label: tx('optionN', { n: k + 1 }),
            path: `${op}.text`,
            value: o.text ?? '',
            set: (v) => (o.text = v),
          }),
          field({
            onChange: ed.changed,
            label: tx('correct'),
            path: `${op}.correct`,
            kind: 'checkbox',
            value: o.correct,
            set: (v) => (v ? (o.correct = true) : delete o.correct),
          }),
          field({
            onChange: ed.changed,
            label: tx('feedback'),
            path: `${op}.feedback`,
            value: o.feedback ?? '',
            set: (v) => (v ? (o.feedback = v) : delete o.feedback),
          }),
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                q.options.splice(k, 1);
                ed.changed({ rerender: true });
                ed.announce(tx('removedOption', { n: k + 1 }));
              },
            },
            tx('remove'),
            h('span', { class: 'visually-hidden', text: ` ${tx('optionLower', { n: k + 1 })}` }),
          ),
        );
      }),
    ),
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          q.options.push({ text: '' });
          ed.changed({ rerender: true });
          document
            .querySelector(`[data-path="${path}.options[${q.options.length - 1}].text"]`)
            ?.focus();
        },
      },
      tx('addOption'),
    ),
  );
}

export function renderSkills(ed) {
  const chosen = ed.skillsList().map(ed.skillId);
  const parts = [
    h(
      'fieldset',
      { class: 'ed-checks', 'data-path': 'skills' },
      h('legend', { text: tx('builtinSkills') }),
      ...ed.builtin.map((s) => {
        const at = ed.skillsList().findIndex((x) => x === s.id);
        return h(
          'label',
          { 'data-path': at >= 0 ? `skills[${at}]` : null },
          h('input', {
            type: 'checkbox',
            'data-path': `skills#${s.id}`,
            checked: chosen.includes(s.id),
            onchange: (e) => {
              if (e.target.checked) ed.ensureSkill(s.id);
              else ed.doc.skills = ed.skillsList().filter((x) => x !== s.id);
              ed.changed({ rerender: true });
            },
          }),
          h('span', { text: s.name }),
        );
      }),
    ),
    h('h3', { text: tx('ownSkills') }),
  ];
  ed.skillsList().forEach((s, k) => {
    if (!s || typeof s !== 'object') return;
    const path = `skills[${k}]`;
    parts.push(
      h(
        'div',
        { class: 'card ed-custom', 'data-path': path },
        field({
          onChange: ed.changed,
          label: tx('skillId'),
          path: `${path}.id`,
          value: s.id ?? '',
          set: (v) => (s.id = v),
        }),
        field({
          onChange: ed.changed,
          label: tx('name'),
          path: `${path}.name`,
          value: s.name ?? '',
          set: (v) => (s.name = v),
        }),
        field({
          onChange: ed.changed,
          label: tx('definition'),
          path: `${path}.definition`,
          kind: 'textarea',
          value: s.definition ?? '',
          set: (v) => (s.definition = v),
        }),
        field({
          onChange: ed.changed,
          label: tx('tip'),
          path: `${path}.tip`,
          kind: 'textarea',
          value: s.tip ?? '',
          set: (v) => (s.tip = v),
        }),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              ed.doc.skills.splice(k, 1);
              ed.changed({ rerender: true });
              ed.announce(tx('skillRemoved'));
            },
          },
          tx('removeSkill'),
        ),
      ),
    );
  });
  parts.push(
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          ed.doc.skills = [...ed.skillsList(), { id: '', name: '', definition: '', tip: '' }];
          ed.changed({ rerender: true });
          document.querySelector(`[data-path="skills[${ed.doc.skills.length - 1}].id"]`)?.focus();
        },
      },
      tx('addSkill'),
    ),
  );
  document.getElementById('ed-skills-body').replaceChildren(...parts);
}

export function renderSettings(ed) {
  const settings = () =>
    ed.doc.settings && typeof ed.doc.settings === 'object'
      ? ed.doc.settings
      : (ed.doc.settings = {});
  const setting = (key, label, help) =>
    field({
      onChange: ed.changed,
      label,
      help,
      path: `settings.${key}`,
      value: ed.doc.settings?.[key] ?? '',
      attrs: { inputmode: 'decimal' },
      set: (v) => {
        if (v.trim()) settings()[key] = numberOrText(v);
        else delete settings()[key];
        if (!Object.keys(settings()).length) delete ed.doc.settings;
      },
    });
  const top = (key, label, opts = {}) =>
    field({
      onChange: ed.changed,
      label,
      path: key,
      value: ed.doc[key] ?? '',
      ...opts,
      set: (v) => {
        if (v === '' && key !== 'title') delete ed.doc[key];
        else ed.doc[key] = v;
        if (key === 'title') document.getElementById('ed-title').textContent = v;
        if (key === 'language' || key === 'direction') ed.direction();
      },
    });
  document.getElementById('ed-settings-body').replaceChildren(
    top('title', tx('title')),
    top('summary', tx('summary'), { kind: 'textarea' }),
    top('level', tx('level'), {
      kind: 'select',
      options: ed.levels.map((l) =>
        h('option', { value: l, text: tx(`level.${l}`), selected: l === ed.doc.level }),
      ),
    }),
    top('language', tx('articleLanguage')),
    top('direction', tx('articleDirection'), {
      kind: 'select',
      options: [
        ['', tx('fromLanguage')],
        ['ltr', tx('ltr')],
        ['rtl', tx('rtl')],
      ].map(([v, t]) =>
        h('option', { value: v, text: t, selected: v === (ed.doc.direction ?? '') }),
      ),
    }),
    h(
      'details',
      { class: 'ed-more' },
      h('summary', { text: tx('scoring') }),
      setting(
        'pass_mark',
        tx('passMark'),
        tx('passMarkHelp'),
      ),
      setting(
        'false_alarm_penalty',
        tx('falseAlarm'),
        tx('oneUnlessSet'),
      ),
      setting(
        'edge_tolerance',
        tx('edgeTolerance'),
        tx('oneUnlessSet'),
      ),
      setting(
        'classify_items',
        tx('classifyItems'),
        tx('classifyItemsHelp'),
      ),
      setting(
        'seed',
        tx('seed'),
        tx('seedHelp'),
      ),
    ),
  );
}
