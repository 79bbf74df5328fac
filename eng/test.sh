#!/usr/bin/env bash
# Runs every test: unit, integration against real servers, full system under the AppHost, browser
# and deployment checks. Installs what the tests need first. Extra arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."
./eng/install-prerequisites.sh
dotnet test CourseHub.Tests --logger "console;verbosity=normal" "$@"
