#!/usr/bin/env bash
# Mutation check: applies each one-line mutation of Tests/mutations/mutations.txt to the source tree, one at a
# time, builds, runs the test classes that should notice, restores the file, and prints caught / survived.
# Every mutation on the list must be caught. Not run by CI (a build per mutation is slow); run it when you
# change the rules, the projections or the store, and report its result.
#
#   Tests/mutations/run.sh                 every mutation
#   Tests/mutations/run.sh NAME [NAME…]    only these
#   Tests/mutations/run.sh --check         only check that every target text is still there, once
#
# Mutations are applied by exact text substitution: a mutation whose target text is no longer in its file
# (or is there more than once) is reported as STALE and fails the run, so that the list follows the code.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
export CI=true PYTHONUTF8=1

list=Tests/mutations/mutations.txt
log_dir=$(mktemp -d /tmp/signalbox-mutations.XXXXXX)
backup=""
target=""
restore() { if [[ -n "$backup" ]]; then cp "$backup" "$target"; rm -f "$backup"; backup=""; fi; }
trap 'restore; exit 130' INT TERM
trap restore EXIT

# One field of a mutation block, by its key.
declare -A mutation
caught=0 survived=0 stale=0 broken=0
results=()

run_mutation() {
    local name=${mutation[name]} file=${mutation[file]:-} find=${mutation[find]:-} replace=${mutation[replace]:-} tests=${mutation[tests]:-}
    if [[ -z "$file" || -z "$find" || -z "$tests" ]]; then
        results+=("STALE     $name: the block needs file, find, replace and tests")
        stale=$((stale + 1))
        return
    fi
    local occurrences
    occurrences=$(FIND="$find" python3 -c 'import os,sys; print(open(sys.argv[1]).read().count(os.environ["FIND"].replace("⏎", "\n")))' "$file" 2>/dev/null || echo 0)
    if [[ "$occurrences" != 1 ]]; then
        results+=("STALE     $name: the target text occurs $occurrences times in $file")
        stale=$((stale + 1))
        return
    fi
    if [[ "$check_only" == 1 ]]; then
        results+=("found     $name")
        return
    fi
    target=$file
    backup=$(mktemp)
    cp "$file" "$backup"
    FIND="$find" REPLACE="$replace" python3 -c '
import os, sys
path = sys.argv[1]
text = open(path).read()
find, replace = (os.environ[key].replace("⏎", "\n") for key in ("FIND", "REPLACE"))
open(path, "w").write(text.replace(find, replace, 1))' "$file"
    echo "mutation $name: $file" >&2
    if ! swift build --build-tests >"$log_dir/$name.build.log" 2>&1; then
        results+=("BROKEN    $name: does not build (see $log_dir/$name.build.log)")
        broken=$((broken + 1))
    elif swift test --skip-build --filter "$tests" >"$log_dir/$name.test.log" 2>&1; then
        results+=("SURVIVED  $name: $tests passed (see $log_dir/$name.test.log)")
        survived=$((survived + 1))
    else
        results+=("caught    $name ($(grep -c 'error: ' "$log_dir/$name.test.log") failures)")
        caught=$((caught + 1))
    fi
    restore
}

check_only=0
if [[ "${1:-}" == --check ]]; then check_only=1; shift; fi
wanted=("$@")
selected() {
    ((${#wanted[@]} == 0)) && return 0
    local want
    for want in "${wanted[@]}"; do [[ "$want" == "${mutation[name]}" ]] && return 0; done
    return 1
}

flush_block() {
    if [[ -n "${mutation[name]:-}" ]] && selected; then run_mutation; fi
    mutation=()
}

while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" == \#* ]] && continue
    if [[ -z "$line" ]]; then flush_block; continue; fi
    key=${line%%: *}
    mutation[$key]=${line#*: }
done <"$list"
flush_block

echo
printf '%s\n' "${results[@]}"
echo
echo "caught $caught, survived $survived, stale $stale, not building $broken (logs in $log_dir)"
if ((caught + survived + broken > 0)); then
    echo "rebuilding the unmutated tree" >&2
    swift build --build-tests >"$log_dir/final.build.log" 2>&1 || echo "the final build failed: $log_dir/final.build.log" >&2
fi
((survived == 0 && stale == 0 && broken == 0))
