#!/bin/sh
# Runs one organization-wide scan: the Indexed scan Job, then, once every shard is done, the merge Job.
# Usage: docs/deploy/kubernetes/run.sh            (kubectl pointed at the cluster; the manifests applied once:
#        kubectl apply -f namespace.yaml -f serviceaccount.yaml -f configmap.yaml -f pvc.yaml)
# Exits with the merge's exit code (0 clean, 1 failing findings, 2 input error, 3 incomplete), or 4 when a Job
# failed before relyscan could decide.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NS=relyscan
RUN_ID=${RUN_ID:-$(date -u +%Y%m%d-%H%M%S)}

render() { sed "s/__RUN_ID__/$RUN_ID/g" "$HERE/$1"; }

# Prints Complete or Failed once the Job has finished.
wait_job() {
  while :; do
    state=$(kubectl -n "$NS" get job "$1" \
      -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')
    case " $state " in
      *" Complete "*) echo Complete; return ;;
      *" Failed "*) echo Failed; return ;;
    esac
    sleep 30
  done
}

echo "relyscan run $RUN_ID: scanning"
render scan-job.yaml | kubectl apply -f -
if [ "$(wait_job "relyscan-scan-$RUN_ID")" != Complete ]; then
  echo "relyscan run $RUN_ID: the scan Job failed; see: kubectl -n $NS logs -l job-name=relyscan-scan-$RUN_ID" >&2
  exit 4
fi

echo "relyscan run $RUN_ID: merging"
render merge-job.yaml | kubectl apply -f -
wait_job "relyscan-merge-$RUN_ID" >/dev/null
kubectl -n "$NS" logs "job/relyscan-merge-$RUN_ID" || true
code=$(kubectl -n "$NS" get pods -l "job-name=relyscan-merge-$RUN_ID" \
  -o jsonpath='{.items[-1:].status.containerStatuses[0].state.terminated.exitCode}')
echo "relyscan run $RUN_ID: merge exited ${code:-unknown}"
case "$code" in
  0|1|2|3) exit "$code" ;;
  *) exit 4 ;;
esac
