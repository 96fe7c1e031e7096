# Sourced by ./edgellm and .ci/run: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: an existing JAVA_HOME that is new enough, Temurin 25 under /usr/lib/jvm, any JDK 25+ there, java on PATH.
edgellm_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
edgellm_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(edgellm_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(edgellm_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  echo "edgellm: no JDK 25 found; install one (e.g. Temurin 25) and set JAVA_HOME to it" >&2
  return 1
}
