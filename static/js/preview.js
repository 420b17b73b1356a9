// The author's preview: explanations on hover and focus, copy a suggestion as YAML, and
// (in development) reload when the quiz file or its article changes.
const root = document.getElementById("preview");

function noteOf(mark) {
  return document.getElementById(`n-${mark.dataset.span}`);
}

function showTip(mark) {
  const tip = document.getElementById("pv-tip");
  const text = document.getElementById(`d-${mark.dataset.span}`);
  if (!tip || !text) return;
  const kind = noteOf(mark)?.querySelector(".pv-kind")?.textContent ?? "";
  tip.textContent = `${kind}: ${text.textContent}`;
  tip.hidden = false;
  const box = mark.getBoundingClientRect();
  tip.style.left = `${Math.max(8, window.scrollX + box.left)}px`;
  tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  document.querySelectorAll(".pv-note.active").forEach((n) => n.classList.remove("active"));
  noteOf(mark)?.classList.add("active");
}

function hideTip() {
  const tip = document.getElementById("pv-tip");
  if (tip) tip.hidden = true;
}

async function copy(button) {
  const text = button.dataset.yaml;
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    ok = document.execCommand("copy");
    area.remove();
  }
  const label = ok ? "Copied" : "Copy failed: select the text in the list instead";
  button.textContent = ok ? "Copied ✓" : "Copy failed";
  const announce = document.getElementById("pv-announce");
  if (announce) announce.textContent = label;
  setTimeout(() => { button.textContent = "Copy as YAML"; }, 2500);
}

function watch() {
  const url = root.dataset.stateUrl;
  let version = root.dataset.version;
  setInterval(async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const state = await response.json();
      if (state.version !== version) {
        version = state.version;
        window.location.reload();
      }
    } catch {
      // The server restarts in development: try again at the next tick.
    }
  }, 2000);
}

if (root) {
  root.addEventListener("mouseover", (e) => {
    const mark = e.target.closest("mark[data-span]");
    if (mark) showTip(mark);
  });
  root.addEventListener("mouseout", (e) => {
    if (e.target.closest("mark[data-span]")) hideTip();
  });
  root.addEventListener("focusin", (e) => {
    const mark = e.target.closest("mark[data-span]");
    if (mark) showTip(mark);
  });
  root.addEventListener("focusout", hideTip);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
  root.addEventListener("click", (e) => {
    const button = e.target.closest("button.pv-copy");
    if (button) copy(button);
  });
  if (root.dataset.live === "1") watch();
}
