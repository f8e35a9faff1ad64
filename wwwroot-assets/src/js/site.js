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
