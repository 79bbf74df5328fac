#!/usr/bin/env bash
# Runs the whole CourseHub system (the AppHost starts every server and service) after making sure
# its prerequisites are installed. Extra arguments go to the AppHost, e.g. --reset or --Replicas:api=2.
set -euo pipefail
cd "$(dirname "$0")/.."
./eng/install-prerequisites.sh
exec dotnet run --project CourseHub.AppHost -- "$@"
