// messages.js: the validator's messages where the teacher is looking. Each message has a
// ``path`` into the document (``annotations[2].quote``, ``settings.pass_mark``); it is shown
// under the control whose data-path is that path (or the nearest enclosing one), tied to it
// by aria-describedby, and listed in the summary at the top with a link to its field.
import { h } from './dom.js';
import { t } from './texts.js';

const LAST_STEP = /(\.[^.[\]]+|\[\d+\])$/;
const SECTIONS = { questions: 'ed-questions-h', skills: 'ed-skills-h' };
const CONTROLS = 'input, select, textarea, button';

/** What joins a message to its fix: a semicolon of the message's language. */
function sep(m) {
  return /^(ar|fa|ur)\b/.test(m.lang || '') ? '؛ ' : '; ';
}

/** The element a path points at, or the nearest one of its parents that is on the page. */
function place(root, path) {
  for (let p = path; p; p = p.replace(LAST_STEP, '')) {
    const el = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
    if (!LAST_STEP.test(p)) break;
  }
  return null;
}

/** A message's path; one about a skill named in its text points at that skill's entry
 * (a YAML list written on one line gives every entry the line of the first). */
export function pathOf(ed, m) {
  const path = m.path || '';
  // The English names the skill in straight quotes, whatever language the message is shown in.
  const named = /'([a-z0-9][a-z0-9-]*)'/.exec(m.english || m.message || '');
  if (!path.startsWith('skills') || !named) return path;
  const at = ed.skillsList().findIndex((s) => ed.skillId(s) === named[1]);
  return at >= 0 ? `skills[${at}]` : path;
}

/** "Problem 3:", "Skill “Loaded language”:", "Title:": where a path points, in words. */
function where(ed, path) {
  const m = /^(annotations|decoys|questions|skills)\[(\d+)\]/.exec(path);
  const skill = m && m[1] === 'skills' ? ed.skillId(ed.skillsList()[Number(m[2])]) : '';
  if (skill) return t('whereSkillNamed', { skill: ed.skillName(skill) });
  if (m) return t(`item.${m[1]}`, { n: Number(m[2]) + 1 });
  const top = path.split(/[.[]/)[0];
  if (!top) return t('whereQuiz');
  // A key the catalogue names reads in the teacher's language; any other is the YAML key.
  const named = t(`where.${top}`);
  return named === `where.${top}` ? `${top}:` : named;
}

function forget(root) {
  root.querySelectorAll('.ed-msg').forEach((m) => m.remove());
  root.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '')
      .split(' ')
      .filter((x) => x && !x.startsWith('ed-msg-'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  });
}

/** Show ``messages`` beside their fields and in the summary (hidden when there are none). */
export function showMessages(ed, root, messages) {
  forget(root);
  messages.forEach((m, k) => {
    const el = place(root, pathOf(ed, m));
    if (!el) return;
    const id = `ed-msg-${k}`;
    const note = h(
      'p',
      { class: 'ed-msg', id },
      // In the teacher's language (m.lang), or English where the catalogue has none.
      h('span', { lang: m.lang || 'en', text: m.message }),
      m.fix ? h('span', { class: 'ed-fix', lang: m.lang || 'en', text: `${sep(m)}${m.fix}` }) : null,
    );
    const control = el.matches(CONTROLS)
      ? el
      : el.matches('label')
        ? el.querySelector('input')
        : null;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      const described = `${control.getAttribute('aria-describedby') || ''} ${id}`.trim();
      control.setAttribute('aria-describedby', described);
    }
    const field = el.closest('.ed-field');
    if (field) field.append(note);
    else if (el.matches('label')) el.after(note);
    else el.append(note);
  });
  document.getElementById('ed-summary').hidden = !messages.length;
  document
    .getElementById('ed-summary-list')
    .replaceChildren(
      ...messages.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link', onclick: () => goTo(ed, root, pathOf(ed, m)) },
            where(ed, pathOf(ed, m)),
          ),
          ' ',
          h('span', { lang: m.lang || 'en', text: `${m.message}${m.fix ? `${sep(m)}${m.fix}` : ''}` }),
        ),
      ),
    );
}

/** Focus the field of a path, opening its annotation first if it is one's. */
function goTo(ed, root, path) {
  const m = /^(annotations|decoys)\[(\d+)\]/.exec(path);
  if (m && ed.list(m[1])[Number(m[2])]) ed.openPanel(m[1], Number(m[2]));
  const el =
    place(root, path) ||
    document.getElementById(SECTIONS[path.split(/[.[]/)[0]] || 'ed-settings-h');
  const target = el.matches(CONTROLS) ? el : el.querySelector(CONTROLS) || el;
  if (!target.matches(CONTROLS)) target.tabIndex = -1;
  target.focus();
  target.scrollIntoView({ block: 'center' });
}
