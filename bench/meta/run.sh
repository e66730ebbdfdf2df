#!/usr/bin/env bash
# Metadata speed of the mount against a local tmpfs, in one run, on a folder of 5000 files:
#   1. `ls -l` of the folder on a fresh mount (cold: the API calls it costs, and its time), then warm;
#   2. native/metastorm storms (stat, readdir, open+close), each cold on a fresh mount (nothing cached
#      by the mount or the kernel; the names come from the tmpfs twin) and warm (best of 3), and the
#      same storms on the tmpfs twin (best of 3).
# The mount runs with its default pacing against the emulator (relaxed limits) on loopback.
# Needs root (mount, tmpfs) and /dev/fuse. Writes bench/results/meta-<date>.txt.
# Usage: bench/meta/run.sh [FILES]   (default 5000)
cd "$(dirname "$0")/../.."
files="${1:-5000}"
source bench/lib.sh
make -s -C native OUT="$PWD/bench/out"
storm=bench/out/metastorm
start_emulator --limits relaxed

# The folder on the service, uploaded 100 files per request; its twin on a tmpfs.
mkdir -p "$work/src" "$work/tmpfs" "$mountpoint"
mount -t tmpfs -o size=256m fsmount-bench "$work/tmpfs"
mounts+=("$work/tmpfs")
for i in $(seq -w 1 "$files"); do printf '%*s' $((1000 + 10#$i % 3000)) '' >"$work/src/episode-$i.mkv"; done
folder="$(api_call folder/mkdir.cgi '{"name":"many","folder_id":0}' | json_field folder_id)"
upload_batch() { # upload_batch FILE... -> uploads them into the folder in one request
    local server host id parts=()
    server="$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$api/upload/get_upload_server.cgi")"
    host="$(json_field url <<<"$server")"; id="$(json_field id <<<"$server")"
    for file in "$@"; do parts+=(-F "file[]=@$file"); done
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -F "did=$folder" "${parts[@]}" "http://$host/upload.cgi?id=$id"
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'JSON: 1' "http://$host/end.pl?xid=$id"
}
mapfile -t sources < <(ls -d "$work/src/"*)
for ((at = 0; at < ${#sources[@]}; at += 100)); do upload_batch "${sources[@]:at:100}"; done
cp -r "$work/src" "$work/tmpfs/many"

calls() { stats | grep -o '"calls":[0-9]*' | awk -F: '{ n += $2 } END { print n + 0 }'; }
listings() { stats | sed -n 's|.*"/v1/folder/ls.cgi":{"calls":\([0-9]*\).*|\1|p'; }
mounted=0
fresh_mount() { # unmounts the previous mount, mounts with an empty cache folder
    if [ -n "${mount_pid:-}" ]; then kill -TERM "$mount_pid"; wait "$mount_pid" || true; fi
    mounted=$((mounted + 1))
    FICHIER_API_KEY="$key" "${fsmount[@]}" mount "$mountpoint" --api-url "$api" --cache-dir "$work/cache-$mounted" >"$work/mount-$mounted.log" 2>&1 &
    mount_pid=$!
    pids+=("$mount_pid")
    for _ in $(seq 300); do grep -q ' is mounted on ' "$work/mount-$mounted.log" && return; sleep 0.1; done
    echo "the mount did not start: $(cat "$work/mount-$mounted.log")" >&2; exit 1
}
elapsed() { local start end; start="$(seconds)"; "$@" >/dev/null; end="$(seconds)"; awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'; }
best_storm() { # best_storm ARGS... -> the metastorm line with the most ops/s of three runs
    for _ in 1 2 3; do "$storm" "$@"; done | awk '{ split($6, f, "="); if (f[2] + 0 > best) { best = f[2] + 0; line = $0 } } END { print line }'
}

# 1. ls -l of the folder: cold on a fresh mount, then warm; the same on the tmpfs twin.
fresh_mount
before="$(calls)"; before_ls="$(listings)"
cold_ls="$(elapsed ls -l "$mountpoint/many")"
cold_calls=$(( $(calls) - before )); cold_listings=$(( $(listings) - before_ls ))
before="$(calls)"
warm_ls="$(best_of 3 sh -c "ls -l '$mountpoint/many' >/dev/null")"
warm_calls=$(( $(calls) - before ))
tmpfs_ls="$(best_of 3 sh -c "ls -l '$work/tmpfs/many' >/dev/null")"

# 2. The storms: cold (fresh mount, first run), warm (best of 3), tmpfs (best of 3).
declare -A cold warm local_ ops=([stat]=200000 [readdir]=20 [openclose]=20000) cold_ops=([stat]=$files [readdir]=1 [openclose]=$files)
storm_calls=0
for mode in stat readdir openclose; do
    fresh_mount
    cold[$mode]="$("$storm" "$mode" "$mountpoint/many" "${cold_ops[$mode]}" "$work/tmpfs/many")"
    before="$(calls)"
    warm[$mode]="$(best_storm "$mode" "$mountpoint/many" "${ops[$mode]}" "$work/tmpfs/many")"
    storm_calls=$(( storm_calls + $(calls) - before ))
    local_[$mode]="$(best_storm "$mode" "$work/tmpfs/many" "${ops[$mode]}")"
done
kill -TERM "$mount_pid"; wait "$mount_pid" || true; mount_pid=""

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
result="bench/results/meta-$(date +%Y-%m-%d).txt"
{
    echo "# bench/meta/run.sh $files on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r), commit $(git rev-parse --short HEAD), emulator --limits relaxed on loopback, mount with default pacing and timeouts"
    echo "ls -l of $files files, cold (fresh mount): ${cold_ls}s, $cold_calls API calls ($cold_listings folder/ls.cgi)"
    echo "ls -l of $files files, warm: ${warm_ls}s (best of 3), $warm_calls API calls; tmpfs: ${tmpfs_ls}s (best of 3); ratio $(ratio "$warm_ls" "$tmpfs_ls")"
    for mode in stat readdir openclose; do
        echo "$mode cold  : ${cold[$mode]}"
        echo "$mode warm  : ${warm[$mode]}"
        echo "$mode tmpfs : ${local_[$mode]}"
        echo "$mode warm/tmpfs p50 latency ratio: $(ratio "$(field p50_us "${warm[$mode]}")" "$(field p50_us "${local_[$mode]}")"), ops/s ratio: $(ratio "$(field ops_per_s "${local_[$mode]}")" "$(field ops_per_s "${warm[$mode]}")")"
    done
    echo "API calls during the warm storms: $storm_calls"
} | tee "$result"
