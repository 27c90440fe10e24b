#!/usr/bin/env bash
# Regenerates examples/demo-account/inventory.json: builds the demo account in moto_server (behind the
# WireMock overlay that serves AWS Backup selections), scans it with the real CLI and saves the inventory.
# Needs moto_server on PATH (or MOTO_SERVER pointing at it). Run from anywhere inside the repository; extra
# arguments go to Maven (e.g. -o to build offline). Update examples/demo-account/README.md when findings change.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl localstack-tests -am -Drelyscan.regenerateExample=true -Dtest=RegenerateExampleTest \
    -Dsurefire.failIfNoSpecifiedTests=false test "$@"
echo "wrote examples/demo-account/inventory.json"
