// The registrations list: one checkbox selects every entry on the page for a bulk decision.
document.getElementById("select-all-entries")?.addEventListener("change", (e) => {
  for (const box of document.querySelectorAll("input.entry-select")) box.checked = e.target.checked;
});
