#!/usr/bin/env bash
# Runs one golden CLI case against the real binary.
#   usage: run_case.sh COVERAGE_BINARY CASE_DIR        (run from the repository root)
# A case directory holds:
#   args             the arguments, one per line ($OUT expands to a fresh scratch folder)
#   stdin            optional: fed to standard input
#   exit             expected exit code (default 0)
#   stdout           expected standard output, byte for byte (absent: must be empty); the
#                    scratch folder's path reads as the literal text $OUT in stdout and stderr
#   stderr           expected standard error, byte for byte (absent: must be empty)
#   files/NAME       expected content of $OUT/NAME after the run
#   absent           optional: names (one per line) that must NOT exist in $OUT afterwards
# Update expectations only with scripts/update-golden, and read the diff before committing.
set -u
bin=$1; case_dir=$2
OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT
export OUT
args=()
while IFS= read -r line || [ -n "$line" ]; do
  args+=("${line//\$OUT/$OUT}")
done < "$case_dir/args"
if [ -f "$case_dir/stdin" ]; then
  "$bin" "${args[@]}" <"$case_dir/stdin" >"$OUT/.stdout" 2>"$OUT/.stderr"; rc=$?
else
  "$bin" "${args[@]}" </dev/null >"$OUT/.stdout" 2>"$OUT/.stderr"; rc=$?
fi
for stream in stdout stderr; do
  sed -i "s|$OUT|\$OUT|g" "$OUT/.$stream"
done
want_rc=$(cat "$case_dir/exit" 2>/dev/null || echo 0)
fail=0
if [ "$rc" != "$want_rc" ]; then echo "exit code $rc, expected $want_rc"; fail=1; fi
for stream in stdout stderr; do
  # Scratch paths differ per run: compare them as the literal text $OUT.
  sed -i "s|$OUT|\$OUT|g" "$OUT/.$stream"
  if [ -f "$case_dir/$stream" ]; then
    if ! cmp -s "$case_dir/$stream" "$OUT/.$stream"; then
      echo "$stream differs:"; diff "$case_dir/$stream" "$OUT/.$stream" | head -20; fail=1
    fi
  elif [ -s "$OUT/.$stream" ]; then
    echo "unexpected $stream:"; head -20 "$OUT/.$stream"; fail=1
  fi
done
if [ -d "$case_dir/files" ]; then
  for f in "$case_dir"/files/*; do
    name=$(basename "$f")
    got="$OUT/$name"
    # A text output that names the scratch folder (the summary's command_line) reads it as $OUT.
    if [ -f "$got" ] && grep -Iq . "$got" && grep -qF "$OUT" "$got"; then
      sed "s|$OUT|\$OUT|g" "$got" >"$OUT/.file"; got="$OUT/.file"
    fi
    if ! cmp -s "$f" "$got"; then echo "file $name differs:"; diff "$f" "$got" | head -20; fail=1; fi
  done
fi
if [ -f "$case_dir/absent" ]; then
  while IFS= read -r name; do
    [ -z "$name" ] && continue
    if [ -e "$OUT/$name" ]; then echo "file $name should not exist"; fail=1; fi
  done < "$case_dir/absent"
fi
exit $fail
