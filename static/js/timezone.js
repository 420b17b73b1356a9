// timezone.js: a new class starts in the teacher's own time zone. The server marks the
// zone select with data-browser-zone on a fresh form only (never over a choice already
// made); without JavaScript, or for a zone not in the list, the select keeps its default.
let zone = "";
try {
  zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
} catch {
  zone = "";
}
if (zone) {
  document.querySelectorAll("select[data-browser-zone]").forEach((select) => {
    if (Array.from(select.options).some((option) => option.value === zone)) {
      select.value = zone;
    }
  });
}
