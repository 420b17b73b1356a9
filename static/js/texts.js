// texts.js: the words the scripts show and announce, in the page's language. The server
// renders them through its catalogue into a data-texts attribute (quizapp/web/jstexts.py):
// a text is a string with {name} placeholders, or a plural's forms by CLDR category.
const lang = document.documentElement.lang || 'en';
const rules = new Intl.PluralRules(lang);

let texts = {};
const source = document.querySelector('[data-texts]');
try {
  texts = source ? JSON.parse(source.dataset.texts) : {};
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
