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

/** The text of ``key`` with its placeholders filled; ``otherwise`` (else the key itself) if
 * the page lacks it, as when a module is used away from the editor's page. */
export function t(key, vars = {}, otherwise = key) {
  const text = texts[key];
  return fill(typeof text === 'string' ? text : otherwise, vars);
}

/** The plural ``key`` for the number ``n`` (placeholder {n}), with ``vars`` filled too. */
export function tn(key, n, vars = {}) {
  const forms = texts[key];
  if (!forms || typeof forms !== 'object') return `${n} ${key}`;
  const text = forms[rules.select(n)] ?? forms.other ?? Object.values(forms)[0];
  return fill(text, { ...vars, n });
}

/** ``text`` inside the language's quotation marks (“…” in English, «…» in Spanish). */
export function quoted(text) {
  return `${marks()[0]}${text}${marks()[1]}`;
}

/** The language's opening and closing quotation marks. */
export function marks() {
  return [t('quoteOpen', {}, '“'), t('quoteClose', {}, '”')];
}
