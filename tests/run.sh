#!/usr/bin/env bash
# The one test command, for a developer's machine and for CI alike (CI runs it as root on a fresh clone):
#   installs the Debian packages the tests need, starts a throw-away PostgreSQL cluster, builds the solution once, runs
#   every test project (the database tests twice: on SQLite and on PostgreSQL), and ends with one line
#   "N passed, N failed, N skipped" counting every run. Artifacts (TRX, screenshots) go to tests/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/tests/results"
CONFIGURATION="${CONFIGURATION:-Release}"
# A run is "project" or "project:provider"; the provider picks the database the test host gives each app (TestDatabase.cs).
TEST_RUNS=(CompetitionHub.Tests:Sqlite CompetitionHub.Tests:PostgreSql CompetitionHub.BrowserTests)
DEB_PACKAGES=(chromium fonts-wqy-microhei redis-server postgresql python3)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The browser tests launch Debian's /usr/bin/chromium by path; Playwright must never fetch browsers of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_BROWSERS_PATH="$RESULTS/.playwright-browsers"

PG_DIR=""
PG_BIN=""
summary_printed=0
summary() {
  summary_printed=1
  echo "$1 passed, $2 failed, $3 skipped"
}
# Whatever stops the script early (set -e included), the last line still says it failed.
on_exit() {
  local rc=${rc:-$?}
  if [[ $summary_printed -eq 0 ]]; then
    summary 0 1 0
    exit $(( rc == 0 ? 1 : rc ))
  fi
}
trap 'rc=$?; stop_postgres; on_exit' EXIT
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

# A cluster of its own in a temp folder, on a free loopback port, with fsync off: nothing to keep, nothing shared.
# PostgreSQL refuses to run as root, so the cluster belongs to the postgres user when the script runs as root.
start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL's initdb was not found under /usr/lib/postgresql"
  PG_DIR="$(mktemp -d /tmp/chub-postgres.XXXXXX)"
  local as=()
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PG_DIR"; as=(runuser -u postgres --); fi
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" \
    || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    || { cat "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  export CHUB_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_DIR)"
}
stop_postgres() {
  [[ -n "$PG_DIR" && -d "$PG_DIR" ]] || return 0
  local as=()
  if [[ $(id -u) -eq 0 ]]; then as=(runuser -u postgres --); fi
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS/trx" "$RESULTS/screenshots"
cd "$ROOT"

step "Debian packages"
install_debian_packages || die "installing Debian packages failed"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 (dotnet) is not on PATH"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing"

step "PostgreSQL"
start_postgres

step "dotnet tool restore"
dotnet tool restore || die "dotnet tool restore failed"

step "dotnet build ($CONFIGURATION)"
# No compiler or MSBuild servers left running afterwards: a CI job must not wait on processes outliving the script.
dotnet build "$ROOT/CompetitionHub.sln" -c "$CONFIGURATION" -p:TreatWarningsAsErrors=true --disable-build-servers \
  || die "the build failed (warnings are errors)"

failed_steps=0
for run in "${TEST_RUNS[@]}"; do
  project="${run%%:*}"
  provider="${run#*:}"; [[ "$provider" == "$run" ]] && provider=Sqlite
  name="$project"; [[ "$run" == *:* ]] && name="$project.$provider"
  step "dotnet test $project ($provider)"
  rm -f "$RESULTS/trx/$name.trx"
  # A hung test must not eat the whole CI budget: the blame collector stops it and names it.
  if ! CHUB_TEST_DATABASE="$provider" dotnet test "$ROOT/tests/$project" -c "$CONFIGURATION" --no-build \
       --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS/trx" \
       --blame-hang-timeout 15m --blame-hang-dump-type none; then
    echo "tests/run.sh: dotnet test $name exited non-zero" >&2
    failed_steps=$((failed_steps + 1))
    echo "$name" >> "$RESULTS/trx/.failed-projects"
  fi
done

step "Results"
# Counts every UnitTestResult's outcome; a project without its TRX counts as one failure, and so does a project
# whose runner failed while its TRX shows nothing failed (a crashed test host, for instance).
RUN_NAMES=()
for run in "${TEST_RUNS[@]}"; do
  if [[ "$run" == *:* ]]; then RUN_NAMES+=("${run%%:*}.${run#*:}"); else RUN_NAMES+=("$run"); fi
done
read -r passed failed skipped < <(python3 - "$RESULTS/trx" "${RUN_NAMES[@]}" <<'PY'
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
            # The first lines of the message and of the test's own output: enough to tell a cause from a log alone.
            for name, limit in (("Message", 25), ("StdOut", 15)):
                text = next((e.text for e in r.iter() if e.tag.rsplit("}", 1)[-1] == name and e.text), "")
                for line in text.strip().splitlines()[:limit]:
                    print(f"      {line[:300]}", file=sys.stderr)
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
