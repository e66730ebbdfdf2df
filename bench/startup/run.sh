#!/usr/bin/env bash
# Start-up time of fsmount as it is installed, in one run, against the built-in emulator:
#   - framework-dependent: `dotnet fsmount.dll`, what `dotnet run` and the .NET tool start;
#   - framework-dependent compiled ahead of time (ReadyToRun), not a single file;
#   - the single self-contained ReadyToRun file that packaging/publish.sh makes.
# For each: `fsmount --help` (process start to exit), and launch to the ready line of a mount, cold
# (a new cache folder, so the root is listed) and warm (the cache folder of a previous start). The
# direct-HTTP baseline is curl of the root listing, the one call a cold start waits for.
# Each figure is the best of RUNS (default 5). Needs root and /dev/fuse. Writes bench/results/startup-<date>.txt.
# Usage: bench/startup/run.sh [RUNS]
cd "$(dirname "$0")/../.."
runs="${1:-5}"
source bench/lib.sh
packaging/publish.sh "$work/dist" >/dev/null
single=("$work/dist/fsmount-linux-x64/fsmount")
dotnet publish src/FsMount.Cli -c Release -r linux-x64 --no-self-contained --nologo -v quiet -p:PublishReadyToRun=true -o "$work/r2r" >/dev/null
r2r=("$work/r2r/fsmount")
mkdir -p "$mountpoint"

start_emulator --limits off

min() { sort -g | head -1; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

help_once() { "$@" --help >/dev/null; }

ready_once() { # ready_once CACHE FSMOUNT... -> seconds from launch to the ready line; then stops the mount
    local cache="$1" start pid ready
    shift
    start="$(seconds)"
    FICHIER_API_KEY="$key" "$@" mount "$mountpoint" --api-url "$api" --cache-dir "$cache" >"$work/mount.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    until grep -q ' is mounted on ' "$work/mount.log"; do
        kill -0 "$pid" 2>/dev/null || { echo "the mount did not start: $(cat "$work/mount.log")" >&2; exit 1; }
        sleep 0.005
    done
    ready="$(seconds)"
    kill -TERM "$pid"; wait "$pid" || true
    elapsed "$start" "$ready"; echo
}

measure() { # measure NAME FSMOUNT... -> one result line
    local name="$1" help cold warm
    shift
    help="$(best_of "$runs" help_once "$@")"
    cold="$(for run in $(seq "$runs"); do ready_once "$work/cache-$name-cold-$run" "$@"; done | min)"
    ready_once "$work/cache-$name-warm" "$@" >/dev/null
    warm="$(for _ in $(seq "$runs"); do ready_once "$work/cache-$name-warm" "$@"; done | min)"
    printf '| %s | %.3f s | %.3f s (%.0fx) | %.3f s |\n' "$name" "$help" "$cold" "$(awk -v c="$cold" -v b="$baseline" 'BEGIN { print c / b }')" "$warm"
}

list_root() { api_call folder/ls.cgi '{"folder_id":0}' >/dev/null; }
baseline="$(best_of "$runs" list_root)"

result="bench/results/startup-$(date +%Y-%m-%d).txt"
{
    echo "Start-up, best of $runs, commit $(git rev-parse --short HEAD), $(nproc) cores, kernel $(uname -r)"
    echo "Baseline: curl of the root listing: $(printf '%.3f' "$baseline") s"
    echo
    echo "| fsmount as | --help | mount ready, cold (x baseline) | mount ready, warm |"
    echo "| --- | --- | --- | --- |"
    measure "dotnet fsmount.dll" "${fsmount[@]}"
    measure "framework-dependent, ReadyToRun" "${r2r[@]}"
    measure "single file, ReadyToRun" "${single[@]}"
} | tee "$result"
