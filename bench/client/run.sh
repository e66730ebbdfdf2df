#!/usr/bin/env bash
# Builds and runs the client throughput benchmark; writes bench/results/client-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/client/FsMount.Bench.Client.csproj -c Release --nologo -v quiet
out="bench/results/client-$(date +%Y-%m-%d).txt"
{
    echo "commit: $(git rev-parse --short HEAD)  machine: $(nproc) cores, $(uname -sr), $(dotnet --version)"
    dotnet bench/client/bin/Release/net10.0/FsMount.Bench.Client.dll
} | tee "$out"
