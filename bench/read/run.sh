#!/usr/bin/env bash
# The read path through the mount against direct HTTP, on the built-in emulator, in one run:
#   1. a SIZE_MIB file read sequentially: `curl` on a download token (the baseline) vs `cat` through
#      the mount, first open in a fresh mount (JIT, token, chunk cache filling) and warm (cache off,
#      so every byte comes over HTTP), then again with 50 ms latency per request and 200 Mbit/s;
#   2. random 64 KiB reads over that file (`native/randread`) vs `curl` range requests on one token;
#   3. a media-library scan of FILES files (first 64 KiB and last 1 MiB of each, `native/mediascan`):
#      cold in a fresh mount, warm, and after a remount on the same cache folder;
#   4. the same scan over 100 files right after copying them in through the mount;
#   5. `ffprobe` on videos made with `ffmpeg -f lavfi` (mp4 with its index at the end, mkv), through
#      the mount and on the local copy;
# each with the API calls and bytes the emulator's counters saw. The mounts use the service's own
# pacing (2 calls/s), so the cold scan's wall time is the service's, as a user would see it.
# Needs root and /dev/fuse; installs ffmpeg when missing. Writes bench/results/read-<date>.txt.
# Usage: bench/read/run.sh [SIZE_MIB] [FILES]   (default 1024 and 1000)
cd "$(dirname "$0")/../.."
size_mib="${1:-1024}"
library_files="${2:-1000}"
source bench/lib.sh
make -s -C native OUT="$PWD/bench/out"
command -v ffprobe >/dev/null || { apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null; }
start_emulator --limits relaxed
result="bench/results/read-$(date +%Y-%m-%d).txt"
report() { echo "$*" | tee -a "$work/report"; }

downloaded() { stats | sed -n 's/.*"bytesDownloaded" *: *\([0-9]*\).*/\1/p'; }
# Calls to the API (/v1/...), and the ranged download requests (/{token}).
api_calls() { stats | grep -o '"/v1/[^"]*":{"calls":[0-9]*' | sed 's/.*://' | awk '{ s += $1 } END { print s + 0 }'; }
calls_of() { stats | grep -o "\"/v1/$1\":{\"calls\":[0-9]*" | sed 's/.*://' | awk '{ s += $1 } END { print s + 0 }'; }
counters() { echo "$(api_calls) $(calls_of download/get_token.cgi) $(calls_of folder/ls.cgi) $(downloaded)"; }
# since "A B C D" (a counters line) -> "N API calls (T tokens, L listings), M MiB downloaded"
since() {
    local now; now="$(counters)"
    awk -v a="$1" -v b="$now" 'BEGIN { split(a, x, " "); split(b, y, " ");
        printf "%d API calls (%d get_token, %d folder/ls), %.1f MiB downloaded", y[1] - x[1], y[2] - x[2], y[3] - x[3], (y[4] - x[4]) / 1048576 }'
}
ratio() { awk -v d="$1" -v m="$2" 'BEGIN { printf "%.2f", d / m }'; }

mount_pid=""
mount_fs() { # mount_fs CACHE_DIR [OPTIONS...]
    local cache="$1"; shift
    mkdir -p "$mountpoint"
    FICHIER_API_KEY="$key" "${fsmount[@]}" mount "$mountpoint" --api-url "$api" --cache-dir "$cache" "$@" >"$work/mount.log" 2>&1 &
    mount_pid=$!; pids+=("$mount_pid")
    for _ in $(seq 600); do grep -q ' is mounted on ' "$work/mount.log" && return; sleep 0.1; done
    echo "the mount did not start: $(cat "$work/mount.log")" >&2; exit 1
}
unmount_fs() { umount "$mountpoint"; wait "$mount_pid" || true; }
# Reads a file through the mount with its pages dropped from the kernel's cache first.
cold_cat() { dd if="$1" iflag=nocache count=0 status=none; cat "$1" >/dev/null; }

upload_many() { # upload_many FOLDER_ID FILE... : one multi-file upload request, as the service allows
    local server host id args=()
    server="$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$api/upload/get_upload_server.cgi")"
    host="$(json_field url <<<"$server")"; id="$(json_field id <<<"$server")"
    local folder="$1"; shift
    for file in "$@"; do args+=(-F "file[]=@$file"); done
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -F "did=$folder" "${args[@]}" "http://$host/upload.cgi?id=$id"
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'JSON: 1' "http://$host/end.pl?xid=$id"
}
mkdir_api() { api_call folder/mkdir.cgi "{\"name\":\"$1\",\"folder_id\":$2}" | json_field folder_id; }
# A library of COUNT files of 1.5 to 3 MiB in folders of 100, locally under DIR.
make_library() { # make_library DIR COUNT
    mkdir -p "$1"
    for i in $(seq 1 "$2"); do
        mkdir -p "$1/season-$(( (i - 1) / 100 ))"
        head -c $(( 1536 * 1024 + RANDOM * 48 )) /dev/urandom >"$1/season-$(( (i - 1) / 100 ))/episode-$i.mkv"
    done
}

echo "# bench/read/run.sh $size_mib $library_files on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, emulator --limits relaxed on loopback" >"$work/report"

# --- 1. Sequential reads -----------------------------------------------------------------------
head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$work/big.bin"
big_url="$(upload "$work/big.bin" 0)"
sequential() { # sequential LABEL RUNS
    local label="$1" runs="$2" token_url direct_s first_s warm_s before
    token_url="$(api_call download/get_token.cgi "{\"url\":\"$big_url\",\"single\":0}" | json_field url)"
    direct_s="$(best_of "$runs" curl -sf -o /dev/null "$token_url")"
    report "[$label] direct curl (token URL): ${size_mib} MiB in ${direct_s}s = $(rate "$size_mib" "$direct_s") MiB/s (best of $runs)"

    mount_fs "$work/cache-seq-$label"
    before="$(counters)"
    local start end; start="$(seconds)"; cat "$mountpoint/big.bin" >/dev/null; end="$(seconds)"
    first_s="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
    report "[$label] cat, first open of a fresh mount: ${first_s}s = $(rate "$size_mib" "$first_s") MiB/s, ratio $(ratio "$direct_s" "$first_s"); $(since "$before")"
    before="$(counters)"
    warm_s="$(best_of "$runs" cold_cat "$mountpoint/big.bin")"
    report "[$label] cat again (the chunk cache keeps all of a file up to 1/64 of its bound, else its head and tail): ${warm_s}s = $(rate "$size_mib" "$warm_s") MiB/s (best of $runs); $(since "$before")"
    unmount_fs

    mount_fs "$work/cache-seq-$label-off" --cache-max-size 0
    head -c $((64 * 1024 * 1024)) "$mountpoint/big.bin" >/dev/null
    before="$(counters)"
    warm_s="$(best_of "$runs" cold_cat "$mountpoint/big.bin")"
    report "[$label] cat, warm mount, cache off (every byte over HTTP): ${warm_s}s = $(rate "$size_mib" "$warm_s") MiB/s (best of $runs), ratio $(ratio "$direct_s" "$warm_s"); $(since "$before")"
}
sequential loopback 3

# --- 2. Random 64 KiB reads (same mount, cache off) ----------------------------------------------
random_reads=1000
token_url="$(api_call download/get_token.cgi "{\"url\":\"$big_url\",\"single\":0}" | json_field url)"
# One curl process, one connection, a range request per read (curl --next between them).
awk -v n="$random_reads" -v blocks=$((size_mib * 16)) -v url="$token_url" 'BEGIN { srand(1); for (i = 0; i < n; i++) {
    offset = int(rand() * blocks) * 65536
    printf "%ssilent\nfail\noutput = /dev/null\nrange = %d-%d\nurl = \"%s\"\n", (i ? "next\n" : ""), offset, offset + 65535, url } }' >"$work/ranges.curl"
direct_s="$(best_of 1 curl -K "$work/ranges.curl")"
report "random 64 KiB reads, direct curl range requests on one token and connection: $random_reads in ${direct_s}s = $(awk -v n="$random_reads" -v s="$direct_s" 'BEGIN { printf "%.0f", n / s }') reads/s"
dd if="$mountpoint/big.bin" iflag=nocache count=0 status=none
before="$(counters)"
random="$(bench/out/randread "$mountpoint/big.bin" "$random_reads" 65536 1)"
random_s="$(sed 's/.*seconds=//' <<<"$random")"
report "random 64 KiB reads through the mount (cache off): $random = $(awk -v n="$random_reads" -v s="$random_s" 'BEGIN { printf "%.0f", n / s }') reads/s, ratio $(ratio "$direct_s" "$random_s"); $(since "$before")"
unmount_fs

# --- 1b. Sequential reads over a slow line -------------------------------------------------------
curl -sf -X POST -H 'Content-Type: application/json' -d '{"latencyMs":50,"bandwidthPerStream":25000000}' "http://127.0.0.1:$port/__emulator/faults" >/dev/null
sequential "50ms+200Mbit" 2
unmount_fs
curl -sf -X POST -H 'Content-Type: application/json' -d '{"latencyMs":0,"bandwidthPerStream":0}' "http://127.0.0.1:$port/__emulator/faults" >/dev/null

# --- 3. Media-library scan -----------------------------------------------------------------------
make_library "$work/library" "$library_files"
library_id="$(mkdir_api library 0)"
for season in "$work"/library/season-*; do
    season_id="$(mkdir_api "$(basename "$season")" "$library_id")"
    mapfile -t episodes < <(find "$season" -type f | sort)
    for ((i = 0; i < ${#episodes[@]}; i += 50)); do upload_many "$season_id" "${episodes[@]:i:50}"; done
done
read_mib="$(awk -v n="$library_files" 'BEGIN { printf "%.1f", n * (65536 + 1048576) / 1048576 }')"
scan() { bench/out/mediascan "$mountpoint/library" 65536 1048576; }
mount_fs "$work/cache-scan"
before="$(counters)"; out="$(scan)"
report "media scan of $library_files files (64 KiB head + 1 MiB tail = $read_mib MiB read), cold: $out; $(since "$before")"
before="$(counters)"; out="$(scan)"
report "media scan again, same mount: $out; $(since "$before")"
unmount_fs
mount_fs "$work/cache-scan"
before="$(counters)"; out="$(scan)"
report "media scan after a remount on the same cache folder: $out; $(since "$before")"
unmount_fs

# --- 4. A scan right after copying files in -------------------------------------------------------
make_library "$work/copied" 100
mount_fs "$work/cache-copy" --verbose --write-back 0s
cp -r "$work/copied" "$mountpoint/copied"
for _ in $(seq 1200); do [ "$(grep -c "Uploaded '" "$work/mount.log")" -ge 100 ] && break; sleep 0.5; done
before="$(counters)"; out="$(bench/out/mediascan "$mountpoint/copied" 65536 1048576)"
report "media scan of 100 files right after copying them in: $out; $(since "$before")"
unmount_fs

# --- 5. ffprobe on real videos -------------------------------------------------------------------
mkdir -p "$work/videos"
ffmpeg -v error -f lavfi -i testsrc=duration=120:size=1280x720:rate=25 -f lavfi -i sine=frequency=440:duration=120 \
    -c:v libx264 -preset ultrafast -c:a aac "$work/videos/index-at-end.mp4"
ffmpeg -v error -f lavfi -i testsrc=duration=120:size=1280x720:rate=25 -f lavfi -i sine=frequency=440:duration=120 \
    -c:v libx264 -preset ultrafast -c:a libvorbis "$work/videos/movie.mkv"
videos_id="$(mkdir_api videos 0)"
upload_many "$videos_id" "$work/videos/index-at-end.mp4" "$work/videos/movie.mkv"
mount_fs "$work/cache-videos"
for video in index-at-end.mp4 movie.mkv; do
    probe() { ffprobe -v error -show_format -show_streams "$1" | grep -v '^filename='; }
    before="$(counters)"
    if diff <(probe "$work/videos/$video") <(probe "$mountpoint/videos/$video") >/dev/null; then same=identical; else same=DIFFERENT; fi
    report "ffprobe $video ($(stat -c %s "$work/videos/$video") bytes): output $same to the local file's; $(since "$before")"
done
unmount_fs

cp "$work/report" "$result"
echo "api calls in total: $(stats | tr -d '\n' | head -c 3000)" >>"$result"
