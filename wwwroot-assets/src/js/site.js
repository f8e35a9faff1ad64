// Behaviour shared by every page. No inline scripts: the Content-Security-Policy allows only files from this site.
document.addEventListener("change", (e) => {
  const el = e.target;
  if (el instanceof HTMLSelectElement && el.dataset.autosubmit !== undefined) el.form?.requestSubmit();
});
document.addEventListener("submit", (e) => {
  // A page script that already refused the submit (e.g. a score sheet with problems) is not followed by a question.
  if (e.defaultPrevented) return;
  // A form asks before any submit; a button asks only for itself (e.g. "submit" but not "save draft").
  const message = e.submitter?.dataset?.confirm || e.target.dataset?.confirm;
  if (message && !window.confirm(message)) e.preventDefault();
  if (e.defaultPrevented) return;
  // A second click while the first post is on its way would post again: the form takes no more submits and its buttons
  // are disabled until the answer replaces the page. Disabled after this turn, so the clicked button's own name and
  // value still go with the post.
  const form = e.target;
  // A dialog's own form only closes it (the live score sheet's confirmation): nothing is posted, and it is used again.
  const method = (e.submitter?.getAttribute("formmethod") ?? form.getAttribute("method") ?? "").toLowerCase();
  if (method === "dialog") return;
  if (form.dataset.submitting !== undefined) {
    e.preventDefault();
    return;
  }
  form.dataset.submitting = "";
  setTimeout(() => {
    if (e.defaultPrevented) return;
    for (const b of form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]")) {
      if (!b.disabled) {
        b.disabled = true;
        b.dataset.disabledWhileSubmitting = "";
      }
    }
  });
});
// Back (or forward) to a page kept in the browser's cache shows it as it was left: with its buttons disabled mid-post.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-submitting]")) delete form.dataset.submitting;
  for (const b of document.querySelectorAll("[data-disabled-while-submitting]")) {
    b.disabled = false;
    delete b.dataset.disabledWhileSubmitting;
  }
});
// A table wider than the screen scrolls sideways; with no link or field inside, a keyboard can scroll it only once it is a
// tab stop of its own. Wide or not depends on the window, so this follows resizes.
const scrollableTables = () => {
  for (const region of document.querySelectorAll(".table-responsive")) {
    const scrolls = region.scrollWidth > region.clientWidth;
    if (scrolls && !region.querySelector("a[href], button, input, select, textarea, [tabindex]")) region.tabIndex = 0;
    else region.removeAttribute("tabindex");
  }
};
scrollableTables();
window.addEventListener("resize", scrollableTables);
// A list that reads as cards on a phone (table.table-cards, site.css) labels each cell with its column's header, so the
// header is written once, in the view's language. Header rows may span (a group over its columns): a column's label is
// every header above it, outermost first. A cell that brings its own data-label keeps it.
for (const table of document.querySelectorAll("table.table-cards")) {
  const grid = [];
  [...(table.tHead?.rows ?? [])].forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const th of row.cells) {
      while (grid[r][c]) c++;
      for (let dr = 0; dr < th.rowSpan; dr++) {
        for (let dc = 0; dc < th.colSpan; dc++) (grid[r + dr] ??= [])[c + dc] = th;
      }
      c += th.colSpan;
    }
  });
  const columns = Math.max(0, ...grid.map((row) => row.length));
  const labels = Array.from({ length: columns }, (_, c) =>
    [...new Set(grid.map((row) => row[c]).filter(Boolean))].map((th) => th.textContent.trim().replace(/\s+/g, " ")).filter(Boolean).join(" · "));
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let c = 0;
      for (const cell of row.cells) {
        if (labels[c] && cell.colSpan < columns && !cell.hasAttribute("data-label")) cell.dataset.label = labels[c];
        c += cell.colSpan;
      }
    }
  }
}
