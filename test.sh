#!/usr/bin/env bash
# Runs every test of the solution and prints one closing line: "N passed, N failed, N skipped".
# Mount tests need root and /dev/fuse; without them they skip with the reason, unless
# FSMOUNT_REQUIRE_FUSE=1 (set by .ci/run), which makes them fail instead.
set -uo pipefail
cd "$(dirname "$0")"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build FsMount.sln -c Release --nologo -v quiet || exit 1
dotnet test FsMount.sln -c Release --no-build --nologo \
    --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true
status=$?

cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    function attr(name,   m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 : 0 }
    { passed += attr("passed"); failed += attr("failed") + attr("error") + attr("timeout"); skipped += attr("notExecuted") }
    END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }'
exit $status
