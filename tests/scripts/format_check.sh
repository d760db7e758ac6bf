#!/usr/bin/env bash
# Every tracked C++ file (git ls-files '*.cpp' '*.hpp' '*.h') is formatted as .clang-format
# says: `clang-format --dry-run -Werror` reports no difference. Tables the formatter would
# re-flow are wrapped in // clang-format off / on. Written for Debian 12's clang-format 14
# (scripts/setup installs it); another major version may format some lines differently.
# Skips (77) only when clang-format is not installed or the tree is not a git checkout.
set -u
command -v clang-format >/dev/null 2>&1 || { echo "clang-format is not installed (scripts/setup installs it)"; exit 77; }
top=$(git rev-parse --show-toplevel 2>/dev/null) || { echo "not a git checkout: no list of tracked files"; exit 77; }
cd "$top"
[ -f .clang-format ] || { echo "$top has no .clang-format"; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
[ ${#files[@]} -gt 0 ] || { echo "git ls-files lists no C++ file in $top"; exit 1; }
if ! report=$(clang-format --dry-run -Werror "${files[@]}" 2>&1); then
  echo "$report" | head -60
  bad=$(echo "$report" | grep -oE '^[^:]+\.(cpp|hpp|h):[0-9]+:[0-9]+: error' | cut -d: -f1 | sort -u)
  echo "format_check: $(echo "$bad" | grep -c .) of ${#files[@]} files are not formatted ($(clang-format --version)):"
  echo "$bad" | sed 's/^/  /'
  echo "fix: clang-format -i \$(git ls-files '*.cpp' '*.hpp' '*.h')   (or wrap a table in // clang-format off / on)"
  exit 1
fi
echo "format_check: ${#files[@]} files formatted as .clang-format says ($(clang-format --version))"
