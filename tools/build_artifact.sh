#!/usr/bin/env bash
# Builds one Lambda artifact the way `sam build` lays it out, from the repository root, so that the
# parent POM and the modules a function compiles against (the layer, with provided scope) come from
# the Maven reactor and nothing needs to be in the local Maven repository first. Each module's
# Makefile calls it: template.yaml gives every function and the layer `BuildMethod: makefile`, and
# sam build runs `make build-<LogicalId>` with ARTIFACTS_DIR set (docs/deploy.md).
#
#   tools/build_artifact.sh function|layer <module folder> <artifacts dir>
#
# A function gets its classes at the root and its runtime dependencies in lib/ (never the layer:
# provided scope); the layer gets its jar and its runtime dependencies in java/lib/.
# Maven is ./mvnw (so its version is the wrapper's); MAVEN_ARGS passes options such as
# -Dmaven.repo.local=... through. samconfig.toml builds in parallel, and the builds share the
# modules' target/ folders, so one build runs at a time.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: tools/build_artifact.sh function|layer <module folder> <artifacts dir>" >&2; exit 2; }
kind="$1"; module="$2"; artifacts="$3"
case "$kind" in function|layer) ;; *) echo "build_artifact: kind must be function or layer, not $kind" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/$module/pom.xml" ] || { echo "build_artifact: no Maven module $module in $root" >&2; exit 2; }

mkdir -p "$root/target"
lock="$root/target/sam-build.lock"
until mkdir "$lock" 2>/dev/null; do
  holder="$(cat "$lock/pid" 2>/dev/null || true)"
  if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then rm -rf "$lock"; continue; fi
  sleep 1
done
echo $$ > "$lock/pid"
trap 'rm -rf "$lock"' EXIT

cd "$root"
echo "build_artifact: $module ($kind): ./mvnw -pl $module -am clean verify -DskipTests" >&2
./mvnw -B -q -ntp -pl "$module" -am clean verify dependency:copy-dependencies \
  -DskipTests -DincludeScope=runtime -Dmdep.prependGroupId=true

target="$root/$module/target"
mkdir -p "$artifacts"
if [ "$kind" = function ]; then
  cp -R "$target/classes/." "$artifacts/"
  if compgen -G "$target/dependency/*.jar" > /dev/null; then
    mkdir -p "$artifacts/lib"
    cp "$target"/dependency/*.jar "$artifacts/lib/"
  fi
else
  mkdir -p "$artifacts/java/lib"
  jar="$(find "$target" -maxdepth 1 -name "$module-*.jar" ! -name '*-tests.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar')"
  [ -n "$jar" ] || { echo "build_artifact: $module built no jar" >&2; exit 1; }
  cp $jar "$artifacts/java/lib/"
  if compgen -G "$target/dependency/*.jar" > /dev/null; then cp "$target"/dependency/*.jar "$artifacts/java/lib/"; fi
fi
