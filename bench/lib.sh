# Shared by the bench scripts: a work folder, an emulator on a free port with a fresh key, the
# fsmount command, cleanup of every process and mount on exit, and small helpers.
# Source it from the repository root; it sets: work, mountpoint, port, key, api, fsmount, pids, and
# mounts (unmounted on exit; a script adds its own).
set -euo pipefail
work="$(mktemp -d /tmp/fsmount-bench.XXXXXX)"
mountpoint="$work/mnt"
port=$((20000 + RANDOM % 20000))
key="bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
api="http://127.0.0.1:$port/v1"
pids=()
mounts=("$mountpoint")

cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for mounted in "${mounts[@]}"; do umount -l "$mounted" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/FsMount.Cli -c Release --nologo -v quiet >/dev/null
fsmount=(dotnet src/FsMount.Cli/bin/Release/net10.0/fsmount.dll)

json_field() { sed -n "s/.*\"$1\" *: *\"\{0,1\}\([^\",}]*\).*/\1/p" | head -1; }
api_call() { curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$2" "$api/$1"; }
seconds() { date +%s.%N; }
rate() { awk -v mib="$1" -v s="$2" 'BEGIN { printf "%.1f", mib / s }'; }
stats() { curl -sf "http://127.0.0.1:$port/__emulator/stats"; }

start_emulator() { # start_emulator [EMULATOR OPTIONS...]
    "${fsmount[@]}" emulator --data "$work/emulator" --urls "http://127.0.0.1:$port" --api-key "$key" "$@" \
        >"$work/emulator.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do stats >/dev/null && return; sleep 0.2; done
    echo "the emulator did not start: $(cat "$work/emulator.log")" >&2; exit 1
}

upload() { # upload FILE FOLDER_ID [NAME] -> file URL; curl through the three steps of an upload
    local server host id
    server="$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$api/upload/get_upload_server.cgi")"
    host="$(json_field url <<<"$server")"; id="$(json_field id <<<"$server")"
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -F "did=$2" -F "file[]=@$1${3:+;filename=$3}" "http://$host/upload.cgi?id=$id"
    curl -sf -H "Authorization: Bearer $key" -H 'JSON: 1' "http://$host/end.pl?xid=$id" | json_field download
}

# Each steady-state figure is the best of several runs, on both sides of a ratio: this 2-core VM is noisy.
best_of() { # best_of RUNS COMMAND... -> seconds of the fastest run
    local runs="$1" best="" start end elapsed
    shift
    for _ in $(seq "$runs"); do
        start="$(seconds)"; "$@"; end="$(seconds)"
        elapsed="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
        best="$(awk -v x="$elapsed" -v y="${best:-$elapsed}" 'BEGIN { print (x < y ? x : y) }')"
    done
    echo "$best"
}
