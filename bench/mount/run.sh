#!/usr/bin/env bash
# Read path through the mount vs direct HTTP, against the built-in emulator, in one run:
#   1. a 1 GiB file read sequentially: `curl` on a download token (the baseline) vs `cat` (first in a
#      fresh mount, then warm) and `dd bs=1M iflag=direct` through the mount;
#   2. a cold `ls -lR` of a tree;
#   3. a media-library scan (head and tail of every file, native/mediascan) through the mount, twice
#      (the second with the download tokens cached);
# each read with the bytes the emulator served for it; then a cmp of the big file through the mount.
# Needs root and /dev/fuse. Writes bench/results/mount-<date>.txt.
# Usage: bench/mount/run.sh [SIZE_MIB]   (default 1024)
cd "$(dirname "$0")/../.."
size_mib="${1:-1024}"
source bench/lib.sh
make -s -C native OUT="$PWD/bench/out"
start_emulator --limits relaxed

head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$work/big.bin"
big_url="$(upload "$work/big.bin" 0)"
library="$(api_call folder/mkdir.cgi '{"name":"library","folder_id":0}' | json_field folder_id)"
for i in $(seq 1 40); do
    head -c $((1024 * 1024 + i * 4096)) /dev/urandom >"$work/episode-$i.mkv"
    upload "$work/episode-$i.mkv" "$library" >/dev/null
done

token_url="$(api_call download/get_token.cgi "{\"url\":\"$big_url\",\"single\":0}" | json_field url)"
direct_s="$(best_of_3 curl -sf -o /dev/null "$token_url")"

mkdir -p "$mountpoint"
FICHIER_API_KEY="$key" "${fsmount[@]}" mount "$mountpoint" --api-url "$api" --cache-dir "$work/cache" >"$work/mount.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q ' is mounted on ' "$work/mount.log" && break; sleep 0.1; done

downloaded() { curl -sf "http://127.0.0.1:$port/__emulator/stats" | sed -n 's/.*"bytesDownloaded" *: *\([0-9]*\).*/\1/p'; }
mib_since() { awk -v a="$1" -v b="$(downloaded)" 'BEGIN { printf "%.1f", (b - a) / 1048576 }'; }

start="$(seconds)"; ls -lR "$mountpoint" >/dev/null; end="$(seconds)"
ls_s="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
before="$(downloaded)"
start="$(seconds)"; cat "$mountpoint/big.bin" >/dev/null; end="$(seconds)"
mount_s="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
cat_mib="$(mib_since "$before")"
# Again in a warm process (code compiled, token cached), with the file's pages dropped from the page cache first.
cold_cat() { dd if="$mountpoint/big.bin" iflag=nocache count=0 status=none; cat "$mountpoint/big.bin" >/dev/null; }
before="$(downloaded)"
warm_s="$(best_of_3 cold_cat)"
warm_mib="$(awk -v m="$(mib_since "$before")" 'BEGIN { printf "%.1f", m / 3 }')"
before="$(downloaded)"
dd_s="$(best_of_3 dd if="$mountpoint/big.bin" of=/dev/null bs=1M iflag=direct status=none)"
dd_mib="$(awk -v m="$(mib_since "$before")" 'BEGIN { printf "%.1f", m / 3 }')"
before="$(downloaded)"
scan="$(bench/out/mediascan "$mountpoint/library" 65536)"
scan_mib="$(mib_since "$before")"
before="$(downloaded)"
rescan="$(bench/out/mediascan "$mountpoint/library" 65536)"
rescan_mib="$(mib_since "$before")"
cmp "$work/big.bin" "$mountpoint/big.bin"

result="bench/results/mount-$(date +%Y-%m-%d).txt"
{
    echo "# bench/mount/run.sh $size_mib on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, emulator --limits relaxed on loopback"
    echo "direct curl (token URL) : ${size_mib} MiB in ${direct_s}s = $(rate "$size_mib" "$direct_s") MiB/s (best of 3)"
    echo "cat through the mount   : ${size_mib} MiB in ${mount_s}s = $(rate "$size_mib" "$mount_s") MiB/s (first open: includes its get_token.cgi); downloaded ${cat_mib} MiB"
    echo "ratio mount/direct      : $(awk -v d="$direct_s" -v m="$mount_s" 'BEGIN { printf "%.2f", d / m }')"
    echo "cat again (warm)        : ${size_mib} MiB in ${warm_s}s = $(rate "$size_mib" "$warm_s") MiB/s (best of 3), ratio $(awk -v d="$direct_s" -v m="$warm_s" 'BEGIN { printf "%.2f", d / m }'); downloaded ${warm_mib} MiB per run"
    echo "dd bs=1M iflag=direct   : ${size_mib} MiB in ${dd_s}s = $(rate "$size_mib" "$dd_s") MiB/s (best of 3), ratio $(awk -v d="$direct_s" -v m="$dd_s" 'BEGIN { printf "%.2f", d / m }'); downloaded ${dd_mib} MiB per run"
    echo "cold ls -lR (2 folders, 41 files): ${ls_s}s"
    echo "media scan (64 KiB head+tail of 40 files): $scan; downloaded ${scan_mib} MiB"
    echo "media scan again (tokens cached)        : $rescan; downloaded ${rescan_mib} MiB"
    echo "api calls: $(curl -sf "http://127.0.0.1:$port/__emulator/stats" | tr -d '\n' | head -c 2000)"
} | tee "$result"
