#!/usr/bin/env bash
# Sets the version of every cascade4j artifact for a release (or the next snapshot): the reactor's POMs through
# versions:set, and the standalone projects that depend on a released version (examples/stage-plugin,
# examples/consumer) and the README's install snippet by their cascade4j.version property and text.
#
#   scripts/release/set-version.sh 0.1.0             # then: scripts/release/verify-release.sh, commit, tag v0.1.0
#   scripts/release/set-version.sh 0.2.0-SNAPSHOT    # back to development
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
new="${1:?usage: set-version.sh VERSION}"
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?$ ]] || { echo "not a version: $new" >&2; exit 2; }
old="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q org.codehaus.mojo:versions-maven-plugin:2.19.1:set -DnewVersion="$new" -DprocessAllModules=true \
  -DgenerateBackupPoms=false
# What versions:set does not own: parentless POMs of the reactor, standalone projects, and the README.
for file in cascade-bom/pom.xml examples/stage-plugin/pom.xml examples/consumer/pom.xml; do
  sed -i "s|<version>$old</version>|<version>$new</version>|; s|<cascade4j.version>$old</cascade4j.version>|<cascade4j.version>$new</cascade4j.version>|" "$file"
done
sed -i "s|<version>$old</version>|<version>$new</version>|g; s|cascade4j-$old|cascade4j-$new|g; s|cascade4j:$old|cascade4j:$new|g" README.md docs/deploy.md
grep -rl --include=pom.xml "$old" . | grep -v /target/ && { echo "still $old in the files above" >&2; exit 1; }
echo "version $old -> $new"
