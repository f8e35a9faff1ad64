// Copies the pinned libraries and our own sources into the web project's wwwroot, which is generated (not committed).
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "CompetitionHub.Web", "wwwroot");
const copies = [
  ["node_modules/bootstrap/dist/css/bootstrap.min.css", "lib/bootstrap/bootstrap.min.css"],
  ["node_modules/bootstrap/dist/css/bootstrap.min.css.map", "lib/bootstrap/bootstrap.min.css.map"],
  ["node_modules/bootstrap/dist/js/bootstrap.bundle.min.js", "lib/bootstrap/bootstrap.bundle.min.js"],
  ["node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map", "lib/bootstrap/bootstrap.bundle.min.js.map"],
  ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js", "lib/signalr/signalr.min.js"],
  ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js.map", "lib/signalr/signalr.min.js.map"],
  ["node_modules/jsqr/dist/jsQR.js", "lib/jsqr/jsQR.js"],
  ["src/css", "css"],
  ["src/js", "js"],
];

rmSync(out, { recursive: true, force: true });
for (const [from, to] of copies) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(here, from), join(out, to), { recursive: true });
}
writeFileSync(join(out, ".build-stamp"), new Date().toISOString());
console.log(`wwwroot-assets: ${copies.length} entries copied to ${out}`);
