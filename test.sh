#!/usr/bin/env bash
# Runs every test of the solution and prints one closing line: "N passed, N failed, N skipped".
# Mount tests need root and /dev/fuse; without them they skip with the reason, unless
# FSMOUNT_REQUIRE_FUSE=1 (set by .ci/run), which makes them fail instead.
set -uo pipefail
cd "$(dirname "$0")"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet build FsMount.sln -c Release --nologo -v quiet || exit 1
# Test projects run one at a time: the machine may have 2 cores, and mount tests time real I/O.
dotnet test --solution FsMount.sln -c Release --no-build --max-parallel-test-modules 1 \
    --minimum-expected-tests 1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The runner ends with a summary block ("failed: N", "succeeded: N", "skipped: N").
awk '/^ *failed:/ { failed = $2 } /^ *succeeded:/ { passed = $2 } /^ *skipped:/ { skipped = $2 }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"
