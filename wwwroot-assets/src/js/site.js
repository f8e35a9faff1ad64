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
// An upload form (data-upload-progress: the id of its <progress>) shows how far the file has got. It is sent by
// XMLHttpRequest, whose upload reports progress, and the answer is shown as the browser would have shown it: the page's
// main part becomes the answer's (any redirect already followed, so its one-time outcome message is in it), the address
// the redirect's, and the reader is taken to the form's own section, where the server put the outcome. Without script the
// form posts as it always did.
document.addEventListener("submit", (e) => {
  const form = e.target;
  if (e.defaultPrevented || !(form instanceof HTMLFormElement) || form.dataset.uploadProgress === undefined) return;
  const progress = document.getElementById(form.dataset.uploadProgress);
  if (!progress) return;
  e.preventDefault();
  const section = form.closest("[id]:is(section, main)");
  const buttons = [...form.querySelectorAll("button, input[type=submit]")].filter((b) => !b.disabled);
  const body = new FormData(form, e.submitter);
  for (const b of buttons) b.disabled = true;
  form.querySelector(".upload-failed")?.remove();
  progress.value = 0;
  progress.closest(".upload-progress")?.removeAttribute("hidden");
  const failed = () => {
    progress.closest(".upload-progress")?.setAttribute("hidden", "");
    for (const b of buttons) b.disabled = false;
    delete form.dataset.submitting;
    const alert = document.createElement("div");
    alert.className = "col-12 alert alert-danger upload-failed";
    alert.setAttribute("role", "alert");
    alert.textContent = form.dataset.uploadFailed ?? "";
    form.append(alert);
  };
  const request = new XMLHttpRequest();
  request.open("POST", form.action);
  request.upload.addEventListener("progress", (p) => {
    if (p.lengthComputable) progress.value = Math.round((100 * p.loaded) / p.total);
  });
  request.addEventListener("error", failed);
  request.addEventListener("timeout", failed);
  request.addEventListener("load", () => {
    const answer = new DOMParser().parseFromString(request.responseText, "text/html");
    const main = answer.querySelector("main");
    if (!main) {
      failed();
      return;
    }
    document.querySelector("main").replaceWith(document.adoptNode(main));
    document.title = answer.title;
    // A refused upload answers the post itself (its address is no page to come back to); a redirect names the page.
    const landing = new URL(request.responseURL);
    if (landing.href !== new URL(form.action).href) {
      landing.hash = section?.id ?? "";
      history.replaceState(null, "", landing);
    }
    const place = (section && document.getElementById(section.id)) ?? document.querySelector("main");
    const outcome = place.querySelector(".alert-success, .alert-danger") ?? place;
    place.scrollIntoView({ block: "start" });
    outcome.tabIndex = -1;
    outcome.focus({ preventScroll: true });
  });
  request.send(body);
});
