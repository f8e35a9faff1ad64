// A judge's score sheet, shared by the online review page and the live roadshow sheet (stage.js): reading what was typed
// against a criterion's max and step, and the sheet's total as the server computes it. Everything is in integer
// hundredths, so a typed 8.3 never becomes 8.299999 on the way; a criterion the judge never set has no value at all
// (untouched is not zero). Each criterion's element carries data-max-hundredths, data-step-hundredths and, when the
// rubric is weighted, data-weight (percent).
window.scoreSheet = (() => {
  // "7.5" → 750; a blank field → null; anything that is not a plain non-negative decimal → NaN.
  // More than two decimals are kept as a fraction of a hundredth, so "7.505" is off any step rather than rounded onto one.
  const parse = (text) => {
    const s = String(text ?? "").trim();
    if (s === "") return null;
    const m = /^(\d{1,9})(?:\.(\d+))?$/.exec(s);
    if (!m) return NaN;
    const fraction = (m[2] ?? "").padEnd(2, "0");
    const rest = fraction.slice(2);
    return Number(m[1]) * 100 + Number(fraction.slice(0, 2)) + (/[1-9]/.test(rest) ? 0.5 : 0);
  };

  const rules = (el) => ({
    max: Number(el.dataset.maxHundredths),
    step: Number(el.dataset.stepHundredths) || 1,
    weight: el.dataset.weight === undefined || el.dataset.weight === "" ? null : Number(el.dataset.weight),
  });

  // The same checks, in the same order, as the server's: set, within 0..max, on the criterion's step.
  const check = (el, hundredths) => {
    const { max, step } = rules(el);
    if (hundredths === null || hundredths === undefined) return "unset";
    if (Number.isNaN(hundredths) || hundredths < 0 || hundredths > max) return "range";
    if (!Number.isInteger(hundredths) || hundredths % step !== 0) return "step";
    return "ok";
  };

  // Points as the page shows them: 750 → "7.5", 800 → "8".
  const points = (hundredths) => String(hundredths / 100);
  const fixed = (hundredths) => (hundredths / 100).toFixed(2);

  // Σ points when no criterion has a weight; otherwise, on a 100-point scale, Σ points × weight ÷ max rounded half up
  // once for the sheet. The sum is kept as an exact fraction (BigInt) so that a total ending in exactly half a hundredth
  // rounds up here as it does on the server. Unset criteria count as nothing.
  const total = (lines) => {
    const weighted = lines.length > 0 && lines.every((l) => l.weight !== null);
    if (!weighted) return lines.reduce((sum, l) => sum + (l.hundredths ?? 0), 0);
    let num = 0n;
    let den = 1n;
    for (const l of lines) {
      const n = BigInt(l.hundredths ?? 0) * BigInt(l.weight) * 100n;
      const d = BigInt(l.max);
      num = num * d + n * den;
      den *= d;
    }
    return Number((2n * num + den) / (2n * den));
  };

  // "“{0}”的分数须在 0 到 {1} 之间。" with its placeholders filled; the page hands over the texts in its language.
  const format = (template, ...args) => String(template ?? "").replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? "");

  // The message for a criterion's problem, in the words the page (any element with data-msg-*) hands over.
  const message = (el, state, texts) => {
    const { max, step } = rules(el);
    const name = el.dataset.name;
    if (state === "unset") return format(texts.dataset.msgUnset, name);
    if (state === "range") return format(texts.dataset.msgRange, name, points(max));
    return format(texts.dataset.msgStep, name, points(step));
  };

  return { parse, rules, check, points, fixed, total, format, message };
})();

// The online review sheet: a running total while typing, and every problem at once (each field marked) instead of the
// first one, before anything is sent. The server checks the same again.
(() => {
  const form = document.getElementById("score-form");
  if (!form) return;
  const sheet = window.scoreSheet;
  const fields = [...form.querySelectorAll("input[data-criterion-id]")];
  const totalOut = document.getElementById("score-running-total");
  const summary = document.getElementById("score-problems");
  let checked = false;

  // A field that does not hold a valid value adds nothing to the running total.
  const lineOf = (input) => {
    const hundredths = sheet.parse(input.value);
    return { ...sheet.rules(input), hundredths: sheet.check(input, hundredths) === "ok" ? hundredths : 0 };
  };
  const mark = (input, problem) => {
    const feedback = document.getElementById(`${input.id}-error`);
    input.classList.toggle("is-invalid", problem !== null);
    if (problem === null) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
    if (feedback) {
      feedback.textContent = problem ?? "";
      feedback.hidden = problem === null;
    }
  };

  // Marks every field and lists every problem above the fields; returns the problems.
  const show = (found) => {
    for (const { input, problem } of found) mark(input, problem);
    const bad = found.filter((p) => p.problem !== null);
    if (summary) {
      summary.replaceChildren(...bad.map((p) => Object.assign(document.createElement("div"), { textContent: p.problem })));
      summary.hidden = bad.length === 0;
    }
    return bad;
  };

  const problems = () => fields.map((input) => {
    const state = sheet.check(input, sheet.parse(input.value));
    return { input, problem: state === "ok" ? null : sheet.message(input, state, form) };
  });

  const update = () => {
    if (totalOut) totalOut.textContent = sheet.fixed(sheet.total(fields.map(lineOf)));
    // Once a submit was refused, each field's mark and the summary follow what is typed.
    if (checked) show(problems());
  };

  fields.forEach((f) => f.addEventListener("input", update));
  update();

  form.addEventListener("submit", (e) => {
    if (fields.some((f) => f.disabled)) return;
    checked = true;
    const bad = show(problems());
    if (bad.length === 0) return;
    e.preventDefault();
    bad[0].input.focus();
  });
})();
