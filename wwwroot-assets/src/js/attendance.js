// Activity Week attendance (door page and organizer event page): keeps "checked in / confirmed" current over SignalR.
// Every check-in broadcasts the event's counts with a version to staff; a page keeps only its own event's and drops a
// message older than the one shown. After a reconnect the counts are fetched once, since broadcasts may have been missed.
(() => {
  const box = document.getElementById("attendance");
  const indicator = document.getElementById("liveIndicator");
  if (!box) return;
  const eventId = Number(box.dataset.eventId);
  let shownVersion = null;

  const setState = (state) => {
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.textContent = indicator.getAttribute(`data-label-${state}`) ?? state;
  };

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

  if (!window.signalR) return;
  const connection = liveHub("/hubs/live").withAutomaticReconnect().build();
  connection.on("attendanceChanged", show);
  connection.onreconnecting(() => setState("reconnecting"));
  connection.onreconnected(() => { setState("connected"); refresh(); });
  connection.onclose(() => setState("disconnected"));
  const start = async () => {
    try {
      await connection.start();
      setState("connected");
      box.dataset.live = "connected";
      refresh();
    } catch {
      setState("disconnected");
      setTimeout(start, 5000);
    }
  };
  start();
})();
