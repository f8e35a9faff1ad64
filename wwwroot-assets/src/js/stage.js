// Roadshow stage over SignalR, for the organizer's console, the judge's tablet and the live pages.
// Every "stageChanged" message carries the whole stage with a version; anything older than what is shown is dropped.
// Only the revealed list and ranking may be left out (boardLeftOut), when unchanged since the last message that had them.
// On (re)connect the page calls JoinStage, which joins the session's group and returns the current state, so
// broadcasts missed while disconnected do not matter.
(() => {
  const root = document.getElementById("stageConsole") || document.getElementById("judgeStage") || document.getElementById("liveBoard");
  const labels = document.getElementById("stageLabels");
  if (!root || !labels || !window.live) return;

  const kind = root.id;
  const sessionId = Number(root.dataset.sessionId);
  const label = (name) => labels.getAttribute(`data-${name}`) ?? name;
  const english = document.documentElement.lang === "en";
  let shown = Number(root.dataset.version ?? "-1");
  let current = null;
  let first = true;

  // The hall's big screen (data-screen) shows the connection only when it is lost; the audience has no use for "connected".
  const screen = root.dataset.screen === "true";

  const text = (id, value) => {
    const el = document.getElementById(id);
    if (el) el.textContent = value ?? "";
  };

  const el = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  };

  const fmt = (n) => Number(n).toFixed(2);
  // An entry the round's rules give no score (评委人数不足, no grouped judge) shows the reason instead.
  const scoreText = (r) => r.score === null ? label(`unranked-${r.unranked.toLowerCase()}`) : fmt(r.score);

  // Pitch and Q&A count down from when the phase began; other phases show no timer.
  const timer = document.getElementById("stageTimer");
  const tick = () => {
    if (!timer || !current) return;
    const minutes = current.phase === "Pitch" ? current.pitchMinutes : current.phase === "Qa" ? current.qaMinutes : null;
    if (minutes === null || !current.phaseStartedAt) { timer.textContent = ""; return; }
    const left = Math.round((Date.parse(current.phaseStartedAt) + minutes * 60000 - Date.now()) / 1000);
    const abs = Math.abs(left);
    timer.textContent = `${left < 0 ? "-" : ""}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
    timer.classList.toggle("text-danger", left < 60);
  };
  setInterval(tick, 1000);

  // The big screen's latest reveal, large; it plays its reveal animation once per newly revealed entry.
  let latestShown = null;
  const renderLatest = (s) => {
    const box = document.getElementById("latestScore");
    if (!box) return;
    const r = s.revealed[s.revealed.length - 1];
    box.replaceChildren();
    if (!r) { box.append(el("p", "text-body-secondary", label("no-scores"))); return; }
    box.append(el("div", "live-score-title", `${r.title} · ${r.team}`));
    box.append(el("div", "live-score", scoreText(r)));
    box.append(el("div", "live-judges", r.judgeTotals.map((t, i) => `${label("judge")} ${String.fromCharCode(65 + i)}: ${fmt(t)}`).join("  ")));
    if (r.dropped > 0) box.append(el("div", "text-body-secondary", label("dropped")));
    if (latestShown !== null && latestShown !== r.entryId) {
      box.classList.remove("revealing");
      void box.offsetWidth; // restarts the animation
      box.classList.add("revealing");
    }
    latestShown = r.entryId;
  };

  // The big screen's ranking in pages that fit the screen, turned every few seconds: a session of any length stays on
  // one screen without scrolling. Group headings go with their rows.
  let pageTimer = null;
  let page = 0;
  const pageRanking = (groups) => {
    const counter = document.getElementById("rankingPage");
    const items = [...groups.children];
    for (const item of items) item.hidden = false;
    const room = groups.clientHeight;
    const pages = [];
    let used = room;
    const height = (item) => item ? item.offsetHeight + 8 : 0;
    items.forEach((item, i) => {
      // A heading needs room for its first row too.
      const need = item.tagName === "H3" ? height(item) + height(items[i + 1]) : height(item);
      if (used + need > room && !(pages.length > 0 && pages[pages.length - 1].length === 0)) { pages.push([]); used = 0; }
      pages[pages.length - 1].push(item);
      used += height(item);
    });
    const showPage = () => {
      page %= Math.max(1, pages.length);
      pages.forEach((p, i) => p.forEach((item) => { item.hidden = i !== page; }));
      if (counter) counter.textContent = pages.length > 1 ? `${page + 1}/${pages.length}` : "";
    };
    showPage();
    clearInterval(pageTimer);
    if (pages.length > 1) pageTimer = setInterval(() => { page += 1; showPage(); }, 8000);
  };

  if (screen) window.addEventListener("resize", () => { if (current) renderBoard(current); });

  const renderBoard = (s) => {
    renderLatest(s);
    const scores = document.getElementById("revealedScores");
    if (scores) {
      scores.replaceChildren();
      if (s.revealed.length === 0) scores.append(el("li", "text-body-secondary", label("no-scores")));
      for (const r of [...s.revealed].reverse()) {
        const item = el("li", "mb-3");
        item.append(el("div", "live-score-title", `${r.title} · ${r.team}`));
        item.append(el("div", "live-score", scoreText(r)));
        item.append(el("div", "live-judges", r.judgeTotals.map((t, i) => `${label("judge")} ${String.fromCharCode(65 + i)}: ${fmt(t)}`).join("  ")));
        if (r.dropped > 0) item.append(el("div", "small text-body-secondary", label("dropped")));
        scores.append(item);
      }
    }
    const groups = document.getElementById("rankingGroups");
    if (groups) {
      groups.replaceChildren();
      const rowOf = (r, rank, score, className) => {
        const row = el("tr", className);
        row.dataset.entryId = r.entryId;
        row.append(el("td", "", rank), el("td", "", r.title), el("td", "", r.team), el("td", "text-end fw-bold", score));
        return row;
      };
      for (const g of s.groups) {
        groups.append(el("h3", "h5 mt-3", english ? g.trackEn : g.track));
        // On the big screen every row is its own block, so a page can end between any two rows.
        const rows = [...g.ranking.map((r) => rowOf(r, r.tied ? `${r.rank} ${label("tied")}` : String(r.rank), fmt(r.score), "")),
          ...g.unranked.map((r) => rowOf(r, "—", scoreText(r), "text-body-secondary"))];
        if (screen) {
          for (const row of rows) {
            const table = el("table", "table table-sm live-ranking mb-0");
            table.append(el("tbody"));
            table.tBodies[0].append(row);
            groups.append(table);
          }
        } else {
          const table = el("table", "table table-sm live-ranking");
          table.append(el("tbody"));
          table.tBodies[0].append(...rows);
          groups.append(table);
        }
      }
      if (screen) pageRanking(groups);
    }
  };

  // The public jury's counts (人气分): the entry on stage, and every entry of the session in running order.
  const renderVotes = (s) => {
    if (!s.publicJury) return;
    // The big screen shows only the entry on stage's count; the live page lists every entry's.
    const counts = document.getElementById("voteCounts");
    counts?.replaceChildren(...s.publicJury.votes.map((v) => {
      const item = el("li", "", `${v.title} · ${label("votes").replace("{0}", v.votes)}`);
      item.dataset.entryId = v.entryId;
      return item;
    }));
    const onStage = s.entry ? s.publicJury.votes.find((v) => v.entryId === s.entry.entryId) : null;
    text("voteOnStage", onStage ? String(onStage.votes) : "—");
  };

  // ---- Spectator's phone: one vote per entry, taken while the judges score the entry on stage. ----
  const vote = (() => {
    const panel = document.getElementById("votePanel");
    if (!panel) return { update() {} };
    const button = document.getElementById("voteButton");
    const status = document.getElementById("voteStatus");
    const message = document.getElementById("voteMessage");
    const voted = new Set((panel.dataset.voted || "").split(",").filter(Boolean).map(Number));
    const buttonText = button?.textContent;
    let sending = false;

    const say = (textValue, tone) => {
      message.textContent = textValue ?? "";
      message.className = "mt-2 mb-0" + (tone ? ` text-${tone}` : "");
    };

    const update = (s) => {
      const entryId = s.entry?.entryId;
      const open = Boolean(s.publicJury?.open && entryId);
      status.textContent = !open ? label("vote-closed")
        : voted.has(entryId) ? label("vote-done") : label("vote-open").replace("{0}", s.entry.title);
      if (!button) return;
      button.disabled = !open || sending || voted.has(entryId);
      button.textContent = open && voted.has(entryId) ? label("vote-button-done") : buttonText;
    };

    button?.addEventListener("click", async () => {
      if (!current?.entry || sending) return;
      const entryId = current.entry.entryId;
      sending = true;
      button.disabled = true;
      say(label("vote-sending"));
      try {
        const outcome = await connection.invoke("CastVote", sessionId, entryId);
        if (outcome.accepted || outcome.alreadyVoted) voted.add(entryId);
        // Accepted: the status line above says so; a refusal says why here.
        say(outcome.accepted ? "" : outcome.error, "danger");
      } catch {
        say(label("vote-failed"), "danger");
      } finally {
        sending = false;
        if (current) update(current);
      }
    });
    return { update };
  })();

  const renderPanel = (s) => {
    const panel = document.getElementById("stagePanel");
    if (!panel) return;
    // The broadcast names no judge (it reaches every spectator): the console page carries the names by seat.
    const names = JSON.parse(panel.dataset.judgeNames || "[]");
    panel.replaceChildren();
    for (const j of s.panel) {
      const item = el("li", "list-group-item d-flex justify-content-between");
      item.append(el("span", "", names[j.seat - 1] || `${label("judge")} ${j.seat}`));
      item.append(el("span", "badge " + (j.recused ? "text-bg-secondary" : j.submitted ? "text-bg-success" : "text-bg-warning"),
        label(j.recused ? "recused" : j.submitted ? "submitted" : "waiting")));
      panel.append(item);
    }
  };

  // Reads the stage whole again (one read at a time, and once more if asked meanwhile): for a broadcast that left out a
  // revealed list and ranking this page does not hold.
  let reading = false;
  let readAgain = false;
  const readWhole = async () => {
    if (reading) { readAgain = true; return; }
    reading = true;
    try {
      do {
        readAgain = false;
        const answer = await connection.invoke("JoinStage", sessionId);
        if (answer.stage) show(answer.stage);
      } while (readAgain);
    } catch {
      // The connection dropped: joining again on reconnect reads the stage whole anyway.
    } finally {
      reading = false;
    }
  };

  const show = (s) => {
    if (!s || s.sessionId !== sessionId) return;
    // Equal versions are accepted after the first render too: a judge's submission changes the panel, not the version.
    if (s.version < shown) return;
    if (s.boardLeftOut) {
      // The revealed list and ranking were left out as unchanged; they are only taken from the state shown if it has them.
      if (!current || current.boardKey !== s.boardKey) { readWhole(); return; }
      s = { ...s, revealed: current.revealed, groups: current.groups, boardLeftOut: false };
    }
    const previous = current;
    shown = s.version;
    current = s;
    text("stagePhase", label(`phase-${s.phase.toLowerCase()}`));
    if (s.entry) {
      text("stageEntryTitle", (s.entry.position ? `${s.entry.position}. ` : "") + s.entry.title);
      text("stageEntryTeam", `${s.entry.team} · ${english ? s.entry.trackEn : s.entry.track}`);
    } else {
      text("stageEntryTitle", label("no-entry"));
      text("stageEntryTeam", "");
    }
    tick();
    renderBoard(s);
    renderVotes(s);
    vote.update(s);
    renderPanel(s);
    if (kind === "stageConsole" && String(s.version) !== root.dataset.version) {
      // Another organizer moved the stage: the step forms carry the old version, so reload them.
      window.location.reload();
      return;
    }
    if (kind === "judgeStage") judge.stageChanged(s, previous);
    first = false;
  };

  // ---- Judge's tablet: sheets are kept on the device until the server acknowledges them. ----
  const judge = (() => {
    if (kind !== "judgeStage") return { stageChanged() {}, resend() {}, render() {} };
    const form = document.getElementById("scoreForm");
    const notice = document.getElementById("judgeNotice");
    const error = document.getElementById("scoreError");
    const list = document.getElementById("sheetList");
    const total = document.getElementById("scoreTotal");
    const comment = document.getElementById("scoreComment");
    const problemsBox = document.getElementById("scoreProblems");
    const dialog = document.getElementById("scoreConfirm");
    const sheet = window.scoreSheet;
    const recused = new Set((root.dataset.recused || "").split(",").filter(Boolean).map(Number));
    const submitted = new Set((root.dataset.submitted || "").split(",").filter(Boolean).map(Number));
    const prefix = `stage-sheet:${sessionId}:`;
    let sending = false;
    let again = false;

    const uuid = () => {
      if (crypto.randomUUID) return crypto.randomUUID();
      const b = crypto.getRandomValues(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
      const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };

    // The device keeps a sheet only until the server has stored it: an acknowledged sheet leaves localStorage at once (the
    // server holds it, and the page knows it from data-submitted after a reload) and stays listed here only for this visit.
    // A sheet not yet acknowledged, or refused (the server holds nothing of it), stays on the device.
    const acknowledged = new Map();
    const stored = () => Object.keys(localStorage).filter((k) => k.startsWith(prefix))
      .map((k) => ({ key: k, ...JSON.parse(localStorage.getItem(k)) }));
    for (const s of stored()) if (s.state === "saved") localStorage.removeItem(s.key);
    const sheets = () => [...stored(), ...acknowledged.values()].sort((a, b) => a.createdAt - b.createdAt);
    const save = (sheet) => {
      const { key, ...data } = sheet;
      if (sheet.state === "saved") {
        acknowledged.set(key, sheet);
        localStorage.removeItem(key);
      } else {
        localStorage.setItem(key, JSON.stringify(data));
      }
    };

    const render = () => {
      list.replaceChildren();
      for (const s of sheets()) {
        const item = el("li", "list-group-item d-flex justify-content-between align-items-center");
        item.dataset.submissionId = s.payload.submissionId;
        item.append(el("span", "", `${s.title} · ${fmt(s.total)}`));
        const state = s.state === "saved" ? "saved" : s.state === "refused" ? "refused" : "unsaved";
        const badge = el("span", "badge sheet-state " + (state === "saved" ? "text-bg-success" : state === "refused" ? "text-bg-danger" : "text-bg-warning"), label(state));
        badge.dataset.state = state;
        if (s.error) badge.title = s.error;
        item.append(badge);
        list.append(item);
      }
    };

    // One entry per criterion. value is in hundredths, null while the judge has not set it (untouched is not zero), NaN
    // for a number that cannot be read. Only the judge's own slider move, typing or −/+ sets it.
    const allParts = [...form.querySelectorAll("fieldset[data-criterion-id]")].map((block) => {
      const id = block.dataset.criterionId;
      return {
        id, block, value: null, ...sheet.rules(block),
        slider: block.querySelector("input[type=range]"),
        number: block.querySelector("input[type=number]"),
        out: document.getElementById(`criterion-${id}-value`),
        feedback: document.getElementById(`criterion-${id}-error`),
      };
    });
    let parts = allParts;
    // An entry whose track has its own rubric is scored on those lines; any other entry on the shared ones.
    const rubricOf = (p) => p.block.dataset.rubricTrack || null;
    const useRubric = (trackId) => {
      const track = trackId == null ? null : String(trackId);
      const own = allParts.some((p) => rubricOf(p) === track);
      parts = allParts.filter((p) => rubricOf(p) === (own ? track : null));
      for (const p of allParts) p.block.hidden = !parts.includes(p);
      document.getElementById("scoreWeightedHint").hidden = !(parts.length > 0 && parts.every((p) => p.weight !== null));
    };
    useRubric(null);
    let checked = false;
    const valid = (p) => sheet.check(p.block, p.value) === "ok";
    const sheetTotal = () => sheet.total(parts.map((p) => ({ max: p.max, weight: p.weight, hundredths: valid(p) ? p.value : 0 })));

    // The criterion's problem beside it, or none; returns the problem.
    const mark = (p) => {
      const state = sheet.check(p.block, p.value);
      return flag(p, state === "ok" ? null : sheet.message(p.block, state, form));
    };
    const flag = (p, problem) => {
      p.number.classList.toggle("is-invalid", problem !== null);
      if (problem === null) p.number.removeAttribute("aria-invalid");
      else p.number.setAttribute("aria-invalid", "true");
      p.feedback.textContent = problem ?? "";
      p.feedback.hidden = problem === null;
      return problem;
    };

    const showProblems = (list) => {
      problemsBox.replaceChildren(...list.map((m) => el("div", "", m)));
      problemsBox.hidden = list.length === 0;
    };

    // Shows a criterion's value everywhere but in the control it was just set from (the typed text stays as typed).
    const showPart = (p, from) => {
      const set = p.value !== null;
      if (from !== p.slider) p.slider.value = set && valid(p) ? String(p.value / 100) : "0";
      if (from !== p.number) p.number.value = set && !Number.isNaN(p.value) ? sheet.points(p.value) : "";
      p.slider.classList.toggle("stage-unset", !set);
      p.out.textContent = !set ? p.out.dataset.unset : Number.isNaN(p.value) ? "?" : sheet.points(p.value);
      // Once a submit was refused, the marks follow what the judge changes.
      if (checked) showProblems(parts.map(mark).filter(Boolean));
    };

    const updateTotal = () => {
      total.textContent = fmt(sheetTotal() / 100);
    };

    const setPart = (p, value, from) => {
      p.value = value;
      showPart(p, from);
      updateTotal();
    };

    for (const p of allParts) {
      p.slider.addEventListener("input", () => setPart(p, Math.round(Number(p.slider.value) * 100), p.slider));
      p.number.addEventListener("input", () => setPart(p, p.number.validity.badInput ? NaN : sheet.parse(p.number.value), p.number));
      // −/+ move by the criterion's own step from where it is (from an unset criterion: − sets 0, + one step), onto the
      // step grid and within 0..max; PageUp/PageDown in the number field move by a tenth of full marks (whole steps).
      const nudge = (direction, steps = 1) => {
        const at = p.value === null || Number.isNaN(p.value) ? null : Math.min(Math.max(p.value, 0), p.max);
        let next;
        if (at === null) next = direction > 0 ? steps * p.step : 0;
        else if (direction > 0) next = Math.floor(at / p.step) * p.step + steps * p.step;
        else next = Math.ceil(at / p.step) * p.step - steps * p.step;
        setPart(p, Math.min(Math.max(next, 0), Math.floor(p.max / p.step) * p.step), null);
      };
      p.block.querySelector(".stage-minus").addEventListener("click", () => nudge(-1));
      p.block.querySelector(".stage-plus").addEventListener("click", () => nudge(1));
      const bigSteps = Math.max(1, Math.round(p.max / 10 / p.step));
      p.number.addEventListener("keydown", (e) => {
        if (e.key !== "PageUp" && e.key !== "PageDown") return;
        e.preventDefault();
        nudge(e.key === "PageUp" ? 1 : -1, bigSteps);
      });
    }

    const reset = () => {
      checked = false;
      for (const p of allParts) {
        p.value = null;
        showPart(p, null);
        flag(p, null);
      }
      showProblems([]);
      updateTotal();
    };

    const stageChanged = (s, previous) => {
      const entryId = s.entry?.entryId;
      const open = s.phase === "Scoring" && entryId;
      const mine = sheets().filter((x) => x.entryId === entryId && x.state !== "refused");
      const local = mine.length > 0;
      const unsent = mine.some((x) => x.state === "unsaved");
      let message = label("phase-" + s.phase.toLowerCase());
      if (open && recused.has(entryId)) message = root.dataset.msgRecused;
      // Only the server's acknowledgement makes a sheet "submitted"; until then it is kept here and sent again.
      else if (open && unsent && !submitted.has(entryId)) message = root.dataset.msgPending;
      else if (open && (submitted.has(entryId) || local)) message = root.dataset.msgDone;
      else if (!open) message = root.dataset.msgWait;
      const canScore = open && !recused.has(entryId) && !submitted.has(entryId) && !local;
      if (canScore && (!previous || previous.entry?.entryId !== entryId || previous.phase !== "Scoring")) {
        useRubric(s.entry.trackId);
        reset();
        comment.value = "";
        error.hidden = true;
      }
      // The confirmation belongs to the entry it was opened for: once scoring of it is over, it goes.
      if (dialog.open && (!canScore || String(entryId) !== dialog.dataset.entryId)) dialog.close("cancel");
      form.hidden = !canScore;
      notice.hidden = canScore;
      notice.textContent = message ?? "";
      notice.className = "alert " + (open && (recused.has(entryId) || (unsent && !submitted.has(entryId))) ? "alert-warning" : "alert-info");
    };

    // Sends every sheet not yet acknowledged, one at a time; a refusal is final (the server said why), a failure is retried,
    // and so is a refusal the server marks as temporary (it could not store the sheet just now).
    // A sheet submitted while a pass is running is not in that pass's list: it asks for another pass instead of waiting
    // for the next reconnect.
    const resend = async () => {
      if (sending) { again = true; return; }
      if (connection.state !== signalR.HubConnectionState.Connected) return;
      sending = true;
      again = false;
      let offline = false;
      try {
        for (const s of sheets().filter((x) => x.state === "unsaved")) {
          let outcome;
          try {
            outcome = await connection.invoke("SubmitScore", s.payload);
          } catch {
            offline = true;
            break; // Disconnected: the next reconnect sends it again.
          }
          if (!outcome.accepted && outcome.retry) {
            s.error = outcome.error;
            error.textContent = `${s.title}: ${outcome.error}`;
            error.hidden = false;
            save(s);
            retryLater();
            break;
          }
          if (outcome.accepted) {
            s.state = "saved";
            s.error = null;
            submitted.add(s.entryId);
            // The "kept on this device" warning is over once its sheet reached the server.
            if (error.textContent === root.dataset.msgFailed) error.hidden = true;
          } else {
            s.state = "refused";
            s.error = outcome.error;
            error.textContent = `${s.title}: ${outcome.error}`;
            error.hidden = false;
          }
          save(s);
        }
      } finally {
        sending = false;
        render();
        if (current) stageChanged(current, current);
      }
      if (again && !offline) resend();
    };

    let retryTimer = null;
    const retryLater = () => {
      if (retryTimer) return;
      retryTimer = setTimeout(() => { retryTimer = null; resend(); }, 3000);
    };

    // Stores the sheet on this device and sends it; it leaves only with every criterion set by the judge.
    const send = (entryId) => {
      if (!current?.entry || current.phase !== "Scoring" || current.entry.entryId !== entryId) return;
      const points = {};
      for (const p of parts) points[p.id] = p.value / 100;
      const submissionId = uuid();
      const sheetRecord = {
        key: `${prefix}${entryId}:${submissionId}`, entryId, title: current.entry.title, createdAt: Date.now(), state: "unsaved",
        total: sheetTotal() / 100,
        payload: { submissionId, sessionId, entryId, points, comment: comment.value },
      };
      save(sheetRecord);
      render();
      stageChanged(current, current);
      if (connection.state !== signalR.HubConnectionState.Connected) {
        error.textContent = root.dataset.msgFailed;
        error.hidden = false;
      }
      resend();
    };

    // Submitting first checks every criterion (all problems at once, each marked), then asks with the total shown.
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!current?.entry || current.phase !== "Scoring") return;
      checked = true;
      const problems = parts.map(mark).filter(Boolean);
      showProblems(problems);
      if (problems.length > 0) {
        parts.find((p) => !valid(p))?.number.focus();
        return;
      }
      const entryId = current.entry.entryId;
      const totalText = fmt(sheetTotal() / 100);
      if (typeof dialog.showModal !== "function") {
        if (window.confirm(`${current.entry.title} · ${totalText}`)) send(entryId);
        return;
      }
      text("scoreConfirmEntry", current.entry.title);
      const lines = document.getElementById("scoreConfirmLines");
      lines.replaceChildren(...parts.map((p) => {
        const line = el("li", "d-flex justify-content-between");
        line.dataset.criterionId = p.id;
        line.append(el("span", "", p.block.dataset.name), el("span", "fw-bold", `${sheet.points(p.value)} / ${sheet.points(p.max)}`));
        return line;
      }));
      text("scoreConfirmTotal", totalText);
      dialog.dataset.entryId = String(entryId);
      dialog.returnValue = "";
      dialog.showModal();
    });
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "confirm") send(Number(dialog.dataset.entryId));
    });

    render();
    return { stageChanged, resend, render };
  })();

  // Joining answers the current stage, so broadcasts missed while away do not matter; then the device's unsent sheets go.
  const connection = live.connect("/hubs/stage", {
    on: { stageChanged: show },
    ready: async (c) => {
      const answer = await c.invoke("JoinStage", sessionId);
      if (answer.stage) show(answer.stage);
      judge.resend();
    },
    label,
    hideWhenConnected: screen,
  });
})();
