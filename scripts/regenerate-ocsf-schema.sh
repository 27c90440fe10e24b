#!/usr/bin/env bash
# Regenerates report/src/test/resources/ocsf/ocsf-1.1.0-compliance_finding-cloud.schema.json, the JSON Schema
# the OCSF report is validated against in tests, from a checkout of the OCSF schema source at version 1.1.0
# (https://github.com/ocsf/ocsf-schema, tag v1.1.0: the directory holding dictionary.json, events/, objects/).
# Usage: scripts/regenerate-ocsf-schema.sh OCSF_SCHEMA_DIR [maven arguments, e.g. -o]
# Review the diff of the generated file before committing it.
set -euo pipefail
if [ $# -lt 1 ] || [ ! -f "$1/dictionary.json" ]; then
    echo "usage: $0 OCSF_SCHEMA_DIR [maven arguments]  (the directory holding dictionary.json)" >&2
    exit 2
fi
source_dir="$(cd "$1" && pwd)"
shift
cd "$(dirname "$0")/.."
mvn -q -B -pl report -am -Drelyscan.ocsfSchemaSource="$source_dir" -Dtest=RegenerateOcsfSchemaTest \
    -Dsurefire.failIfNoSpecifiedTests=false test "$@"
echo "wrote report/src/test/resources/ocsf/ocsf-1.1.0-compliance_finding-cloud.schema.json"
