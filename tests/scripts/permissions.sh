#!/usr/bin/env bash
# An unreadable input and a read-only output folder give one-line errors and exit 1, and
# leave nothing behind. Root reads and writes everything, so as root the binary runs as
# "nobody" (setpriv), and the read-only folder is a read-only tmpfs mount.
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d); chmod 755 "$tmp"; trap 'umount "$tmp/ro" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
expect() {  # expect NAME WANT_RC WANT_STDERR GOT_RC GOT_STDERR_FILE
  if [ "$4" != "$2" ]; then echo "$1: exit $4, expected $2"; fail=1; fi
  if [ "$(cat "$5")" != "$3" ]; then echo "$1: stderr differs:"; echo "  want: $3"; echo "  got:  $(cat "$5")"; fail=1; fi
}
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || { echo "SKIP: running as root without setpriv"; exit 77; }
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
cp tests/data/bad/addresses.csv "$tmp/addresses.csv"
cp tests/data/bad/addresses.csv "$tmp/secret.csv"; chmod 000 "$tmp/secret.csv"
mkdir "$tmp/out"; chmod 777 "$tmp/out"
chmod 644 "$tmp/addresses.csv"

# Unreadable input.
(cd "$tmp" && "${as_user[@]}" "$bin" classify --addresses secret.csv --crs EPSG:25832 --as-of 2025-12-31 \
   -o out/out.csv 2>"$tmp/err"); rc=$?
expect unreadable 1 "coverage classify: secret.csv: cannot open (Permission denied); check the path" $rc "$tmp/err"
[ -z "$(ls -A "$tmp/out")" ] || { echo "unreadable: files left in out/: $(ls -A "$tmp/out")"; fail=1; }

# Read-only output folder.
if [ "$(id -u)" = 0 ]; then
  mkdir "$tmp/ro"
  if ! mount -t tmpfs -o ro,size=64k tmpfs "$tmp/ro" 2>/dev/null; then
    chmod 555 "$tmp/ro"  # not allowed to mount: still checks as nobody
  fi
else
  mkdir "$tmp/ro"; chmod 555 "$tmp/ro"
fi
(cd "$tmp" && "${as_user[@]}" "$bin" classify --addresses addresses.csv --crs EPSG:25832 --as-of 2025-12-31 \
   -o ro/out.csv 2>"$tmp/err"); rc=$?
expect readonly 1 "coverage classify: ro/out.csv: folder 'ro' is not writable" $rc "$tmp/err"
[ -z "$(ls -A "$tmp/ro")" ] || { echo "readonly: files left in ro/"; fail=1; }

# Read-only folder for the rejects only: nothing at all is written, not even the main output.
(cd "$tmp" && "${as_user[@]}" "$bin" classify --addresses addresses.csv --crs EPSG:25832 --as-of 2025-12-31 \
   -o out/out.csv --rejects ro/rejects.csv 2>"$tmp/err"); rc=$?
expect readonly_rejects 1 "coverage classify: ro/rejects.csv: folder 'ro' is not writable" $rc "$tmp/err"
[ -z "$(ls -A "$tmp/out")" ] || { echo "readonly_rejects: files left in out/: $(ls -A "$tmp/out")"; fail=1; }
exit $fail
