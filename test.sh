#!/usr/bin/env bash
# Runs every test of the solution and prints one closing line: "N passed, N failed, N skipped".
# Mount tests need root and /dev/fuse; without them they skip with the reason, unless
# FSMOUNT_REQUIRE_FUSE=1 (set by .ci/run), which makes them fail instead.
set -uo pipefail
cd "$(dirname "$0")"

# The mount tests drive mounts with ordinary tools; a fresh machine may lack some of them: fio for
# the stress test, fuse3 (fusermount3) and setpriv/useradd for the mount by a normal user.
missing=()
for pair in kill:procps cmp:diffutils find:findutils stat:coreutils umount:mount rsync:rsync fio:fio \
    fusermount3:fuse3 setpriv:util-linux useradd:passwd; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" || exit 1
fi

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
