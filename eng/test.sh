#!/usr/bin/env bash
# Runs every test: unit, integration against real servers, full system under the AppHost, browser
# and deployment checks. Installs what the tests need first. Extra arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."
./eng/install-prerequisites.sh
log=$(mktemp -t coursehub-test-XXXXXX.log)
status=0
dotnet test CourseHub.Tests --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# The run prints hundreds of lines; say again at the end which tests failed and why, where the
# last screen of a CI log shows it.
if grep -qE '^\s+Failed [A-Za-z]' "$log"; then
  echo
  echo "=== Failed tests ==="
  awk '/^ +Failed [A-Za-z]/ {show=1; n=0} /^ +Passed [A-Za-z]/ {show=0} show && n++ < 25' "$log"
fi
rm -f "$log"
exit "$status"
