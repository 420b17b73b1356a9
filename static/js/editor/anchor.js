// anchor.js: quotes and the article's words. ``tokens`` are the article's words as the page
// renders them: {i, s, e, block} with s and e offsets into the article's text.
// The editor's page gives these in the teacher's language; the English is for a use of
// passage() away from it.
import { t } from './texts.js';

/** Where a span's quote stands in the text, as the loader anchors it (near enough to mark
 * it): the given occurrence, or the one between its prefix and suffix, or the first. */
export function locate(text, span) {
  const quote = typeof span?.quote === 'string' ? span.quote : '';
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

/** The words that overlap r = {start, end} (tokens are in text order: a binary search). */
export function tokensIn(tokens, r) {
  if (!r) return [];
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].e <= r.start) lo = mid + 1;
    else hi = mid;
  }
  const out = [];
  for (let k = lo; k < tokens.length && tokens[k].s < r.end; k++) out.push(tokens[k]);
  return out;
}

/** The quote of text[start:end], with its occurrence when the words occur more than once. */
export function anchorAt(text, start, end) {
  const quote = text.slice(start, end);
  let n = 0;
  let mine = 0;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    n++;
    if (at === start) mine = n;
  }
  return n > 1 ? { quote, occurrence: mine } : { quote };
}

/** Point ``span`` at text[start:end], replacing whatever anchored it before. */
export function setQuote(text, span, start, end) {
  delete span.prefix;
  delete span.suffix;
  delete span.occurrence;
  Object.assign(span, anchorAt(text, start, end));
}

/** The selected token indices ("3,4,5") as one passage {start, end, quote}, or {error}. */
export function passage(text, tokens, value) {
  const order = new Map(tokens.map((t, p) => [t.i, p]));
  const picked = value
    .split(',')
    .filter(Boolean)
    .map(Number)
    .filter((i) => order.has(i))
    .sort((a, b) => a - b)
    .map((i) => tokens[order.get(i)]);
  if (!picked.length) return { error: t('selectFirst', {}, 'Select words in the article first.') };
  for (let k = 1; k < picked.length; k++) {
    if (picked[k].block !== picked[0].block)
      return {
        error: t(
          'acrossParagraphs',
          {},
          'The selection runs across paragraphs; select words of one paragraph.',
        ),
      };
    if (order.get(picked[k].i) !== order.get(picked[k - 1].i) + 1)
      return {
        error: t('selectionGaps', {}, 'Select one unbroken run of words (the selection has gaps).'),
      };
  }
  const start = picked[0].s;
  const end = picked[picked.length - 1].e;
  return { start, end, quote: text.slice(start, end) };
}
