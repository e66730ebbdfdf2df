#!/usr/bin/env bash
# Builds what a user installs, into dist/ (or $1):
#   dist/fsmount-<rid>/fsmount   one self-contained file, compiled ahead of time (ReadyToRun), no .NET needed
#   dist/fsmount.<version>.nupkg a .NET tool: dotnet tool install -g fsmount --add-source dist
# Usage: packaging/publish.sh [OUT_DIR] [RID...]   (default RIDs: linux-x64; win-x64 also builds here)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-dist}")"
shift || true
rids=("$@")
[ "${#rids[@]}" -gt 0 ] || rids=(linux-x64)

mkdir -p "$out"
for rid in "${rids[@]}"; do
    # The native libraries (SQLite) go inside the file too, extracted on first run; symbols stay beside it.
    dotnet publish src/FsMount.Cli -c Release -r "$rid" --self-contained --nologo -v quiet \
        -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true \
        -p:DebugType=embedded -o "$out/fsmount-$rid"
    echo "publish: $out/fsmount-$rid/$(ls "$out/fsmount-$rid")"
done

dotnet pack src/FsMount.Cli -c Release --nologo -v quiet -o "$out"
echo "publish: $(ls "$out"/*.nupkg)"
