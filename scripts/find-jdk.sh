# Sourced by ./chatvault and ./mvnw: sets JAVA_HOME to a JDK 21 or newer. Keeps JAVA_HOME when it
# already names one; otherwise takes the newest under /usr/lib/jvm, /usr/local/lib/jvm or /opt/java,
# then the JDK of `java` on the PATH. Returns 1 when there is none; sets chatvault_jdk_major to its
# major version (the launcher passes only the JVM options that version has).

chatvault_java_major() { # the major version of the JDK at $1, or 0
  local rel="$1/release" v=""
  [ -x "$1/bin/java" ] || { echo 0; return; }
  if [ -f "$rel" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -n1)"
  else
    v="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  fi
  echo "${v:-0}"
}

chatvault_find_jdk() {
  local best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ]; then
    chatvault_jdk_major="$(chatvault_java_major "$JAVA_HOME")"
    [ "$chatvault_jdk_major" -lt 21 ] || return 0
  fi
  for d in /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/; do
    [ -d "$d" ] || continue
    d="${d%/}"
    v="$(chatvault_java_major "$d")"
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    d="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    v="$(chatvault_java_major "$d")"
    if [ "$v" -ge 21 ]; then best="$d"; best_v="$v"; fi
  fi
  [ -n "$best" ] || return 1
  JAVA_HOME="$best"
  chatvault_jdk_major="$best_v"
  export JAVA_HOME
}
