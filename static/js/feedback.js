// feedback.js: the notes beside the marked article start folded, so the article reads as a
// whole; following a mark's number opens its note, and one button opens or folds them all.
// Without JavaScript every note still opens by its summary.
const notes = [...document.querySelectorAll('.notes details')];

function openNote(id) {
  const note = id ? document.getElementById(id) : null;
  const details = note?.querySelector('details');
  if (details) details.open = true;
}

document.addEventListener('click', (e) => {
  const link = e.target.closest?.('a[href^="#note-"]');
  if (link) openNote(link.getAttribute('href').slice(1));
});
window.addEventListener('hashchange', () => openNote(location.hash.slice(1)));
openNote(location.hash.slice(1));

const toggle = document.getElementById('notes-toggle');
if (toggle && notes.length) {
  toggle.hidden = false;
  toggle.addEventListener('click', () => {
    const open = !notes.every((d) => d.open);
    for (const d of notes) d.open = open;
    // The words come from the page, in its language (data-open, data-close).
    toggle.textContent = open ? toggle.dataset.close : toggle.dataset.open;
  });
}
