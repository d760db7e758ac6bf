#!/usr/bin/env bash
# The Debian package (CPack, `cpack -G DEB` in the build folder) holds the binary, the man
# pages, bash and zsh completion and the built-in profiles, and depends on the libraries the
# binary links (from dpkg-shlibdeps: libgdal32, libgeos-c1v5, ...). With
# COVERAGE_FRESH_DEBIAN=1 (root; downloads Debian packages) it is also installed with apt
# into a brand-new Debian 12 (/work/shared/tools/fresh-debian.sh) and the demo runs against
# the installed /usr/bin/coverage.
set -u
bin=$1
build=$(cd "$(dirname "$bin")" && pwd)
repo=$(pwd)
command -v cpack >/dev/null && command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null ||
  { echo "skip: needs cpack, dpkg-deb and dpkg-shlibdeps"; exit 77; }
[ -f "$build/CPackConfig.cmake" ] || { echo "skip: $build has no CPack configuration"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || { echo "cpack failed:"; tail -20 "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/pkg/coverage_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "no .deb:"; ls "$tmp/pkg"; exit 1; }
fail=0
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files"
for f in /usr/bin/coverage /usr/share/man/man1/coverage.1 /usr/share/man/man1/coverage-classify.1 \
         /usr/share/bash-completion/completions/coverage /usr/share/zsh/vendor-completions/_coverage \
         /usr/share/coverage/profiles/gigabit.toml /usr/share/coverage/profiles/us-bead-2022.toml; do
  grep -qxF "$f" "$tmp/files" || { echo "package lacks $f"; fail=1; }
done
# Every built-in profile of the source tree is in the package.
for p in lib/profiles/*.toml; do
  grep -qxF "/usr/share/coverage/profiles/$(basename "$p")" "$tmp/files" || { echo "package lacks $p"; fail=1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
# libjs-leaflet: not linked but read by `coverage report` (the demo runs it).
for lib in libgdal32 libgeos-c1v5 libboost-program-options1.74.0 libfmt9 libc6 libstdc++6 libjs-leaflet; do
  case ", $depends," in *", $lib "* | *", $lib,"*) ;; *) echo "Depends lacks $lib: $depends"; fail=1 ;; esac
done
[ $fail = 0 ] || exit 1
echo "$(basename "$deb"): $(wc -l <"$tmp/files") paths; Depends: $depends"

if [ "${COVERAGE_FRESH_DEBIAN:-}" != 1 ]; then
  echo "installing into a fresh Debian 12: set COVERAGE_FRESH_DEBIAN=1 (root, downloads packages)"
  exit 0
fi
fresh=/work/shared/tools/fresh-debian.sh
[ -x "$fresh" ] || [ -f "$fresh" ] || { echo "skip: no $fresh"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "skip: installing into a fresh Debian needs root"; exit 77; }
# fresh-debian.sh clones a git repository: give it one with the package, the demo and its data.
stage="$tmp/stage"
mkdir -p "$stage/scripts"
cp "$deb" "$stage/"
cp scripts/demo "$stage/scripts/"
cp -r sample_data "$stage/"
git -C "$stage" init -q && git -C "$stage" add -A &&
  git -C "$stage" -c user.name=test -c user.email=test@localhost commit -qm "package under test" ||
  { echo "cannot stage the package"; exit 1; }
bash "$fresh" "$stage" \
  "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./$(basename "$deb") >/dev/null" \
  "coverage --version" \
  "test -f /usr/share/man/man1/coverage-classify.1* && test -f /usr/share/bash-completion/completions/coverage" \
  "COVERAGE_BIN=/usr/bin/coverage scripts/demo out && test -s out/jena-gigabit.geojson && test -s out/piscataquis-bead.csv" \
  "coverage classify --profile /usr/share/coverage/profiles/us-bead-2022.toml --offers sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv --as-of 2022-06-30 -q -o - | wc -l | grep -qx 8012" \
  >"$tmp/fresh.log" 2>&1 || { echo "fresh Debian 12 install or demo failed:"; tail -30 "$tmp/fresh.log"; exit 1; }
grep -E '^(===|coverage |GDAL )' "$tmp/fresh.log"
exit 0
