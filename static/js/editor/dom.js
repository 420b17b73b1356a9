// dom.js: the editor's small DOM helpers. Text is always set as text, never parsed as HTML:
// everything shown here may be a teacher's (or an article's) words.

/** "12" -> 12, "0.5" -> 0.5; anything else stays text, for the validator to name. */
export const numberOrText = (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

let uid = 0;
export const nextId = (prefix) => `${prefix}-${++uid}`;

/** An element: h('p', {class: 'x', text: 'hi', onclick: f}, child, ...). */
export function h(tag, attrs = {}, ...children) {
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

/**
 * A labelled control bound to one value of the document: ``set`` writes the new value, then
 * ``onChange`` runs (a typed character asks for no re-rendering, so focus and caret stay).
 * ``path`` names the value as the validator's messages do (``annotations[2].quote``).
 */
export function field({
  label,
  path,
  kind = 'text',
  value = '',
  set,
  onChange,
  help,
  options,
  attrs = {},
}) {
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
  const picked = kind === 'checkbox' || kind === 'select';
  control.addEventListener(picked ? 'change' : 'input', () => {
    set(kind === 'checkbox' ? control.checked : control.value);
    onChange({ rerender: picked });
  });
  const wrap = { class: 'field ed-field' };
  if (kind === 'checkbox')
    return h('div', wrap, h('label', { for: id }, control, h('span', { text: label })), helpEl);
  return h('div', wrap, h('label', { for: id, text: label }), helpEl, control);
}
