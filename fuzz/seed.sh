#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/) with the providers' fixtures,
# valid and invalid, so every target starts from real payloads. Run from anywhere; it
# adds files and removes none, so a corpus grown by earlier runs is kept.
#
# parse and round_trip read "body NUL query": a JSON or form fixture is its own input,
# and a query-string fixture (eSMS's, NXCloud's SMS receipt in the URL) is given both
# ways, as a body and as NUL + query.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
fixtures="$fuzz/../fixtures"

seed() { # seed TARGET FILE [PREFIX]
    local dir="$fuzz/corpus/$1" name
    name="$(basename "$(dirname "$2")")_$(basename "$2")"
    mkdir -p "$dir"
    if [ -n "${3:-}" ]; then
        { printf '\0'; cat "$2"; } > "$dir/query_$name"
    else
        cp "$2" "$dir/$name"
    fi
}

for provider in esms nxcloud wappin viva; do
    for file in "$fixtures/$provider"/*.{json,query,form} "$fixtures/$provider"/invalid/*.{json,query,form}; do
        [ -f "$file" ] || continue
        seed "$provider" "$file"
        for target in parse round_trip; do
            seed "$target" "$file"
            if [ "${file##*.}" = query ]; then
                seed "$target" "$file" query
            fi
        done
    done
done

for dir in "$fuzz"/corpus/*/; do
    echo "$(basename "$dir"): $(find "$dir" -type f | wc -l) inputs"
done
