# Sourced by ./chatvault: chatvault_cds_options JAR ARGS… sets the array chatvault_cds to the JVM
# options for a class-data sharing archive of that command (backup, status, …), kept next to the jar.
# Loading and verifying the jar's classes was most of a short command's start-up; the JVM maps them
# from the archive instead. The archive is written when a command first exits (that run takes a
# moment longer) and is remade when the jar is rebuilt or the JDK changes. CHATVAULT_CDS=0 turns it off.

chatvault_cds_options() {
  chatvault_cds=()
  [ "${CHATVAULT_CDS:-1}" != 0 ] || return 0
  # -XX:+AutoCreateSharedArchive is in JDK 19 and later.
  [ "${chatvault_jdk_major:-0}" -ge 19 ] || return 0
  local jar="$1" command="" dir archive
  shift
  # The command is the first word that is not an option (options before it: --home DIR).
  while [ $# -gt 0 ]; do
    case "$1" in
      --home) shift ;;
      -*) ;;
      *) command="$1"; break ;;
    esac
    [ $# -gt 0 ] && shift
  done
  case "$command" in
    server) return 0 ;; # runs for days: its start-up does not matter, and its exit should not wait for a dump
    "") command=help ;;
    *[!a-z-]*) command=other ;;
  esac
  dir="$(dirname "$jar")/cds"
  if [ ! -d "$dir" ]; then
    (umask 077 && mkdir -p "$dir") 2>/dev/null || return 0
  fi
  [ -w "$dir" ] || return 0
  archive="$dir/$command.jsa"
  # The JVM rejects an archive of an older jar but does not remake it: remove it, so this run does.
  if [ -f "$archive" ] && [ "$jar" -nt "$archive" ]; then rm -f "$archive"; fi
  chatvault_cds=(-XX:SharedArchiveFile="$archive" -XX:+AutoCreateSharedArchive -Xlog:cds*=off)
  # Its messages (an archive of another JDK, being remade) are no concern of the user, and would go to stdout.
  [ "$chatvault_jdk_major" -lt 24 ] || chatvault_cds+=(-Xlog:aot*=off)
}
