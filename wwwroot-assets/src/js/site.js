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
