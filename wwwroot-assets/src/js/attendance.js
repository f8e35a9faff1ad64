// Activity Week attendance (door page and organizer event page): keeps "checked in / confirmed" current over SignalR.
// Every check-in broadcasts the event's counts with a version to staff; a page keeps only its own event's and drops a
// message older than the one shown. On every (re)connect the counts are fetched once, since broadcasts may have been missed.
(() => {
  const box = document.getElementById("attendance");
  if (!box) return;
  const eventId = Number(box.dataset.eventId);
  let shownVersion = null;

  const show = (counts) => {
    if (!counts || counts.eventId !== eventId) return;
    if (typeof counts.version === "number") {
      if (shownVersion !== null && counts.version < shownVersion) return;
      shownVersion = counts.version;
      box.dataset.version = String(counts.version);
    }
    for (const key of ["checkedIn", "confirmed", "waitlisted"]) {
      const cell = box.querySelector(`[data-count="${key}"]`);
      if (cell && typeof counts[key] === "number") cell.textContent = String(counts[key]);
    }
  };
  // The door script shows the counts that come back with its own check-in at once, without waiting for the broadcast.
  window.attendance = { show };

  const refresh = async () => {
    try {
      const response = await fetch(box.dataset.attendanceUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) show(await response.json());
    } catch {
      // The next broadcast brings the counts anyway.
    }
  };

  if (!window.live) return;
  live.connect("/hubs/live", {
    on: { attendanceChanged: show },
    ready: async () => {
      box.dataset.live = "connected";
      refresh();
    },
  });
})();
