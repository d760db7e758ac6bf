# same_run_summary MERGED ONE: the merged summary of a shard set says what one unsharded run
# says, byte for byte, except the line that records the command line: each file records the
# command that wrote it (coverage merge ... / coverage classify ...), which is checked too.
same_run_summary() {
  local merged=$1 one=$2
  grep -q '^  "command_line": \["coverage", "merge"' "$merged" || { echo "$merged: no merge command line"; return 1; }
  grep -q '^  "command_line": \["coverage", "classify"' "$one" || { echo "$one: no classify command line"; return 1; }
  cmp <(grep -v '^  "command_line": ' "$merged") <(grep -v '^  "command_line": ' "$one")
}
