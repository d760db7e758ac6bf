#!/usr/bin/env bash
# What a newcomer's shell offers, generated from the same option tables as --help:
# `coverage help CMD` is `coverage CMD --help`; every command has a man page that groff
# formats without a warning; bash completion completes commands, options, profile names
# and files; --version names the GDAL and GEOS the build uses (checked against gdal-config
# and geos-config, the -dev packages' own answers).
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
commands=$("$bin" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {exit}')
[ -n "$commands" ] || { echo "no commands in coverage --help"; exit 1; }
for c in $commands; do
  cmp -s <("$bin" help "$c") <("$bin" "$c" --help) || { echo "help $c differs from $c --help"; fail=1; }
  if "$bin" "$c" --help | grep -qE '(^| )arg( |$)'; then echo "$c --help shows 'arg' instead of a value name"; fail=1; fi
done

"$bin" --generate man "$tmp/man" || { echo "--generate man failed"; exit 1; }
for c in $commands; do
  page="$tmp/man/coverage-$c.1"
  [ -s "$page" ] || { echo "no man page for $c"; fail=1; continue; }
  grep -q '^\.SH OPTIONS' "$page" || [ "$c" = profiles ] || { echo "$page: no OPTIONS"; fail=1; }
  if command -v groff >/dev/null; then
    warnings=$(groff -man -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || { echo "$page: $warnings"; fail=1; }
  fi
done
[ -s "$tmp/man/coverage.1" ] || { echo "no coverage.1"; fail=1; }
grep -q 'coverage\\-classify' "$tmp/man/coverage.1" || { echo "coverage.1 does not list classify"; fail=1; }

"$bin" --generate bash "$tmp/coverage.bash" || { echo "--generate bash failed"; exit 1; }
complete_words() {  # complete_words WORD... -> COMPREPLY of the last word
  # (_coverage's status is compgen's, 1 when nothing matched: not a failure here)
  (cd sample_data && source "$tmp/coverage.bash" && COMP_WORDS=("$@") && COMP_CWORD=$(($# - 1)); _coverage
   echo "${COMPREPLY[*]}")
}
check() {  # check EXPECTED WORD...
  local want=$1; shift
  local got; got=$(complete_words "$@")
  [ "$got" = "$want" ] || { echo "completing '$*': got '$got', expected '$want'"; fail=1; }
}
check "classify" coverage cla
check "--overwrite" coverage classify --overw
check "us-bead-2022 us-bead-2025" coverage classify --profile us-
check "jena/addresses.csv" coverage classify --addresses jena/addr
check "diff" coverage help di
"$bin" --generate zsh "$tmp/_coverage" && grep -q '^#compdef coverage' "$tmp/_coverage" || { echo "zsh completion"; fail=1; }

version=$("$bin" --version)
if command -v gdal-config >/dev/null && command -v geos-config >/dev/null; then
  echo "$version" | grep -qF "GDAL $(gdal-config --version)," || { echo "--version: $version; gdal-config says $(gdal-config --version)"; fail=1; }
  echo "$version" | grep -qF "GEOS $(geos-config --version)" || { echo "--version: $version; geos-config says $(geos-config --version)"; fail=1; }
fi
echo "$version" | head -1 | grep -qE '^coverage [0-9]+\.[0-9]+\.[0-9]+ \(git ([0-9a-f]{7,}(-dirty)?|unknown)\)$' ||
  { echo "--version first line: $(echo "$version" | head -1)"; fail=1; }
echo "$version" | grep -qE 'PROJ [0-9]+\.[0-9]+\.[0-9]+' || { echo "--version has no PROJ: $version"; fail=1; }
exit $fail
