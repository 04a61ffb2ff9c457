#!/usr/bin/env bash
# Creates the development PKI in certs/dev/ if it is missing (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project src/Tools/Gpos.Launcher -- certs init
