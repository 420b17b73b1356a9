// texts.js: the words the editor's scripts show and announce, in the teacher's language,
// rendered by the server through its catalogue into #editor's data-editor-texts attribute
// (quizapp/web/editor/jstexts.py). The page's body carries the quiz page's texts; these are
// the editor's own. A text is a string with {name} placeholders, or a plural's forms.
const rules = new Intl.PluralRules(document.documentElement.lang || 'en');

let texts = {};
try {
  texts = JSON.parse(document.getElementById('editor')?.dataset.editorTexts || '{}');
} catch {
  texts = {};
}

const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

/** The text of ``key`` with its placeholders filled; the key itself if the page lacks it. */
export function t(key, vars = {}) {
  const text = texts[key];
  return typeof text === 'string' ? fill(text, vars) : key;
}

/** The plural ``key`` for the number ``n`` (placeholder {n}), with ``vars`` filled too. */
export function tn(key, n, vars = {}) {
  const forms = texts[key];
  if (!forms || typeof forms !== 'object') return `${n} ${key}`;
  const text = forms[rules.select(n)] ?? forms.other ?? Object.values(forms)[0];
  return fill(text, { ...vars, n });
}
