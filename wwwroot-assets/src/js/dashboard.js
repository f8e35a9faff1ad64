// Organizer dashboard: keeps the mail-status card current over SignalR.
// Each "outboxChanged" message carries all the counts with a version; a message older than the one on screen
// (delivered late, or from a slower instance) is dropped. After a reconnect, broadcasts may have been missed,
// so the counts are fetched once from /organizer/outbox-status.
(() => {
  const card = document.getElementById("outboxStatus");
  if (!card || !window.live) return;

  // The counts rendered by the server have no version; the first broadcast always replaces them.
  let shownVersion = null;

  const showCounts = (counts) => {
    for (const key of ["pending", "sent", "failed"]) {
      const cell = card.querySelector(`[data-count="${key}"]`);
      if (cell && typeof counts[key] === "number") cell.textContent = String(counts[key]);
    }
  };

  const refresh = async () => {
    try {
      const response = await fetch("/organizer/outbox-status", { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) showCounts(await response.json());
    } catch {
      // The next broadcast brings the counts anyway.
    }
  };

  const outboxChanged = (status) => {
    if (!status || typeof status.version !== "number") return;
    if (shownVersion !== null && status.version < shownVersion) {
      // Left on the card so anyone inspecting the page sees why the counts did not move.
      card.dataset.staleVersion = String(status.version);
      return;
    }
    shownVersion = status.version;
    card.dataset.version = String(status.version);
    showCounts(status);
  };

  // Nothing is fetched at the first start: the page was rendered with the counts a moment ago.
  let started = false;
  live.connect("/hubs/live", {
    on: { outboxChanged },
    ready: async () => {
      if (started) await refresh();
      started = true;
    },
  });
})();
