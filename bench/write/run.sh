#!/usr/bin/env bash
# Write path through the mount vs direct HTTP, against the built-in emulator, in one run:
#   1. a file of SIZE_MIB (default 1024) uploaded by `curl` (get_upload_server.cgi, upload.cgi, end.pl:
#      the baseline) vs `cp` into the mount until it is on the service (the mount is stopped with
#      SIGTERM right after cp, which uploads what is staged and exits when it is done);
#   2. `cp -r` of FILES (default 2000) small files in 20 folders into the mount until uploaded, with
#      the API calls it took (the emulator's counters), at the client's default pacing (2 calls/s).
# Both mounts use the client's default pacing; the emulator runs with relaxed limits.
# Needs root and /dev/fuse. Writes bench/results/write-<date>.txt.
# Usage: bench/write/run.sh [SIZE_MIB] [FILES]
cd "$(dirname "$0")/../.."
size_mib="${1:-1024}"
files="${2:-2000}"
source bench/lib.sh
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# API calls answered so far: every endpoint but the download host (token URLs).
api_calls() { stats | tr -d ' \n' | grep -o '"/[^"]*":{"calls":[0-9]*' | grep -v '"/{token}"' | sed 's/.*://' | awk '{ s += $1 } END { print s }'; }

start_emulator --limits relaxed

head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$work/big.bin"
cat "$work/big.bin" >/dev/null

# Baseline: curl through the three steps of an upload.
curl_upload() { upload "$work/big.bin" 0 "curl-$RANDOM.bin" >/dev/null; }
curl_s="$(best_of 3 curl_upload)"

mount_fs() { # mount_fs LOG CACHE
    mkdir -p "$mountpoint"
    FICHIER_API_KEY="$key" "${fsmount[@]}" mount "$mountpoint" --api-url "$api" --cache-dir "$2" >"$1" 2>&1 &
    mount_pid=$!
    pids+=("$mount_pid")
    for _ in $(seq 300); do grep -q ' is mounted on ' "$1" && return; sleep 0.1; done
    echo "the mount did not start: $(cat "$1")" >&2; exit 1
}
stop_fs() { kill -TERM "$mount_pid"; wait "$mount_pid"; }

# cp into the mount until uploaded, best of three (each into a fresh mount and cache).
mount_s=""; cp_s=""
for run in 1 2 3; do
    mount_fs "$work/mount-big-$run.log" "$work/cache-big-$run"
    start="$(seconds)"; cp "$work/big.bin" "$mountpoint/mount-$run.bin"; copied="$(seconds)"; stop_fs; end="$(seconds)"
    t="$(elapsed "$start" "$end")"; c="$(elapsed "$start" "$copied")"
    if [ -z "$mount_s" ] || awk -v x="$t" -v y="$mount_s" 'BEGIN { exit !(x < y) }'; then mount_s="$t"; cp_s="$c"; fi
done

# cp -r of many small files, at the default pacing, with the API calls it took.
mkdir -p "$work/small"
for i in $(seq 1 "$files"); do
    folder="$work/small/folder-$((i % 20))"; mkdir -p "$folder"
    head -c $((1000 + (i * 37) % 20000)) /dev/urandom >"$folder/file-$i.txt"
done
mount_fs "$work/mount-small.log" "$work/cache-small"
calls_before="$(api_calls)"
start="$(seconds)"; cp -r "$work/small" "$mountpoint/small"; copied="$(seconds)"; stop_fs; end="$(seconds)"
small_calls=$(( $(api_calls) - calls_before ))
small_s="$(elapsed "$start" "$end")"; small_cp_s="$(elapsed "$start" "$copied")"
uploads="$(stats | tr -d ' \n' | grep -o '"/upload.cgi":{"calls":[0-9]*' | sed 's/.*://')"

result="bench/results/write-$(date +%Y-%m-%d).txt"
{
    echo "# bench/write/run.sh $size_mib $files on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git rev-parse --short HEAD), emulator --limits relaxed on loopback"
    echo "direct curl upload       : ${size_mib} MiB in ${curl_s}s = $(rate "$size_mib" "$curl_s") MiB/s (best of 3)"
    echo "cp into the mount, until : ${size_mib} MiB in ${mount_s}s = $(rate "$size_mib" "$mount_s") MiB/s (best of 3; the cp itself took ${cp_s}s)"
    echo "ratio mount/direct       : $(awk -v d="$curl_s" -v m="$mount_s" 'BEGIN { printf "%.2f", d / m }')"
    echo "cp -r of $files small files in 20 folders, until uploaded: ${small_s}s (the cp itself took ${small_cp_s}s); ${small_calls} API calls; upload.cgi calls in the whole run: ${uploads}"
    echo "api calls: $(stats | tr -d '\n' | head -c 2000)"
} | tee "$result"
