#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer, for the scripts that run Java (local-demo.sh,
# example-client/example-client, .ci/run): $JAVA_HOME when it is one, else the first found among
# macOS's /usr/libexec/java_home, /usr/lib/jvm/* and the `java` on PATH. Exits 1, saying what to
# do, when there is none.
set -euo pipefail
wanted=25
property() { "$1" -XshowSettings:properties -version 2>&1 | sed -n "s/^ *$2 = //p"; }
fits() { [ -x "$1/bin/java" ] && [ "$(property "$1/bin/java" java.specification.version)" -ge "$wanted" ] 2>/dev/null; }

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if [ -x /usr/libexec/java_home ]; then
  mac_home="$(/usr/libexec/java_home -v "$wanted+" 2>/dev/null || true)"
  [ -n "$mac_home" ] && candidates+=("$mac_home")
fi
for home in /usr/lib/jvm/*; do [ -d "$home" ] && candidates+=("$home"); done
if command -v java >/dev/null; then candidates+=("$(property "$(command -v java)" java.home)"); fi

for home in "${candidates[@]}"; do
  if fits "$home"; then echo "$home"; exit 0; fi
done
echo "no JDK $wanted or newer found (JAVA_HOME=${JAVA_HOME:-unset}); install one (for example Eclipse Temurin $wanted) and set JAVA_HOME to it: export JAVA_HOME=/path/to/jdk-$wanted" >&2
exit 1
