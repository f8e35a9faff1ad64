// The certificate page's print button (no inline script under the Content-Security-Policy).
document.getElementById("certificate-print-button")?.addEventListener("click", () => window.print());
