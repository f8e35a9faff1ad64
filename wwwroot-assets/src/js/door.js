// The door page: check a ticket in by typed code or by scanning its QR code, and say the answer at once.
// Cameras only open over HTTPS or on localhost, and only on this page (its Permissions-Policy allows the camera); without
// one the page says so and typing the code remains the way in.
(() => {
  const form = document.getElementById("check-in-form");
  const input = document.getElementById("ticket-code");
  const result = document.getElementById("check-in-result");
  if (!form || !input || !result) return;

  const tones = { Admitted: "success", AlreadyUsed: "warning" };
  let busy = false;

  const show = (answer) => {
    result.className = `alert alert-${tones[answer.result] ?? "danger"} door-result`;
    result.dataset.result = answer.result;
    result.textContent = answer.message;
    if (answer.counts && window.attendance) window.attendance.show(answer.counts);
    if (navigator.vibrate) navigator.vibrate(answer.result === "Admitted" ? 80 : [60, 60, 60]);
  };

  const submit = async (ticket) => {
    if (busy || !ticket) return;
    busy = true;
    try {
      const body = new FormData(form);
      body.set("ticket", ticket);
      const response = await fetch(form.action, {
        method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      show(await response.json());
      input.value = "";
    } catch {
      // Without an answer the form is posted the plain way, which shows the result as a page.
      input.value = ticket;
      form.submit();
    } finally {
      busy = false;
      input.focus();
    }
  };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit(input.value.trim());
  });

  // Camera scanning: the browser's BarcodeDetector where it exists (Chrome on Android), else jsQR on the video's frames
  // (iPhones and desktop browsers have no BarcodeDetector).
  const scanner = document.getElementById("scanner");
  const start = document.getElementById("scan-start");
  const video = document.getElementById("scan-video");
  const note = document.getElementById("scan-note");
  if (!scanner || !start || !video || !note) return;
  const native = "BarcodeDetector" in window;
  if ((!native && !window.jsQR) || !navigator.mediaDevices?.getUserMedia) {
    note.textContent = scanner.dataset.unsupported;
    return;
  }
  start.hidden = false;
  let lastValue = "";
  let lastAt = 0;

  const reader = () => {
    if (native) {
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      return async () => (await detector.detect(video))[0]?.rawValue;
    }
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    return async () => {
      if (video.readyState < video.HAVE_CURRENT_DATA || video.videoWidth === 0) return undefined;
      // A frame at most 640 px wide is plenty for a ticket held up to the camera, and keeps a phone cool.
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      return window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" })?.data;
    };
  };

  start.addEventListener("click", async () => {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch {
      note.textContent = scanner.dataset.denied;
      return;
    }
    start.hidden = true;
    video.hidden = false;
    video.srcObject = stream;
    await video.play();
    const read = reader();
    const tick = async () => {
      try {
        const value = await read();
        const now = Date.now();
        // The same code stays in view for a while: read it once, not once per frame.
        if (value && (value !== lastValue || now - lastAt > 3000)) {
          lastValue = value;
          lastAt = now;
          await submit(value);
        }
      } catch {
        // A frame that could not be read; the next one may.
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})();
