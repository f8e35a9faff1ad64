#!/usr/bin/env bash
# The one test command, for a developer's machine and for CI alike (CI runs it as root on a fresh clone):
#   installs the Debian packages the tests need, builds the solution once, runs every test project,
#   and ends with one line "N passed, N failed, N skipped". Artifacts (TRX, screenshots) go to tests/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/tests/results"
CONFIGURATION="${CONFIGURATION:-Release}"
TEST_PROJECTS=(CompetitionHub.Tests CompetitionHub.BrowserTests)
DEB_PACKAGES=(chromium fonts-wqy-microhei redis-server)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The browser tests launch Debian's /usr/bin/chromium by path; Playwright must never fetch browsers of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_BROWSERS_PATH="$RESULTS/.playwright-browsers"

summary_printed=0
summary() {
  summary_printed=1
  echo "$1 passed, $2 failed, $3 skipped"
}
# Whatever stops the script early (set -e included), the last line still says it failed.
on_exit() {
  local rc=$?
  if [[ $summary_printed -eq 0 ]]; then
    summary 0 1 0
    exit $(( rc == 0 ? 1 : rc ))
  fi
}
trap on_exit EXIT
die() { echo "tests/run.sh: $*" >&2; summary 0 1 0; exit 1; }
step() { echo; echo "==> $*"; }

install_debian_packages() {
  local missing=() p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "Debian packages present: ${DEB_PACKAGES[*]}"
    return
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}) and not root; install them first"
    sudo=(sudo)
  fi
  echo "Installing: ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS/trx" "$RESULTS/screenshots"
cd "$ROOT"

step "Debian packages"
install_debian_packages || die "installing Debian packages failed"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 (dotnet) is not on PATH"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing"

step "dotnet tool restore"
dotnet tool restore || die "dotnet tool restore failed"

step "dotnet build ($CONFIGURATION)"
# No compiler or MSBuild servers left running afterwards: a CI job must not wait on processes outliving the script.
dotnet build "$ROOT/CompetitionHub.sln" -c "$CONFIGURATION" -p:TreatWarningsAsErrors=true --disable-build-servers \
  || die "the build failed (warnings are errors)"

failed_steps=0
for project in "${TEST_PROJECTS[@]}"; do
  step "dotnet test $project"
  rm -f "$RESULTS/trx/$project.trx"
  # A hung test must not eat the whole CI budget: the blame collector stops it and names it.
  if ! dotnet test "$ROOT/tests/$project" -c "$CONFIGURATION" --no-build \
       --logger "trx;LogFileName=$project.trx" --results-directory "$RESULTS/trx" \
       --blame-hang-timeout 15m --blame-hang-dump-type none; then
    echo "tests/run.sh: dotnet test $project exited non-zero" >&2
    failed_steps=$((failed_steps + 1))
    echo "$project" >> "$RESULTS/trx/.failed-projects"
  fi
done

step "Results"
# Counts every UnitTestResult's outcome; a project without its TRX counts as one failure, and so does a project
# whose runner failed while its TRX shows nothing failed (a crashed test host, for instance).
read -r passed failed skipped < <(python3 - "$RESULTS/trx" "${TEST_PROJECTS[@]}" <<'PY'
import os, sys
import xml.etree.ElementTree as ET

folder, projects = sys.argv[1], sys.argv[2:]
failed_runs = set()
marker = os.path.join(folder, ".failed-projects")
if os.path.exists(marker):
    failed_runs = {line.strip() for line in open(marker) if line.strip()}

total = {"passed": 0, "failed": 0, "skipped": 0}
for project in projects:
    path = os.path.join(folder, project + ".trx")
    if not os.path.exists(path):
        print(f"{project}: no TRX file ({path}), counted as a failure", file=sys.stderr)
        total["failed"] += 1
        continue
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    try:
        results = [e for e in ET.parse(path).iter() if e.tag.rsplit("}", 1)[-1] == "UnitTestResult"]
    except ET.ParseError as e:
        print(f"{project}: unreadable TRX ({e}), counted as a failure", file=sys.stderr)
        total["failed"] += 1
        continue
    for r in results:
        outcome = r.get("outcome", "")
        key = "passed" if outcome == "Passed" else "skipped" if outcome == "NotExecuted" else "failed"
        counts[key] += 1
        if key == "failed":
            print(f"  FAILED ({outcome}) {r.get('testName')}", file=sys.stderr)
    print(f"{project}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped", file=sys.stderr)
    if project in failed_runs and counts["failed"] == 0:
        print(f"{project}: the test run failed without a failed test, counted as a failure", file=sys.stderr)
        counts["failed"] += 1
    for k in total:
        total[k] += counts[k]
print(total["passed"], total["failed"], total["skipped"])
PY
) || die "could not read the TRX files"

echo "Artifacts: $RESULTS (trx/, screenshots/)"
summary "$passed" "$failed" "$skipped"
if [[ $failed -gt 0 || $failed_steps -gt 0 ]]; then exit 1; fi
exit 0
