#!/usr/bin/env bash
# Checks that `mvn -P release verify` produces what Maven Central requires of every published artifact: the jar (or
# POM), a sources jar and a javadoc jar for each jar module, an .asc signature for each file, and POM metadata (name,
# description, url, licenses, developers, scm). Signs with a throwaway key made here (a real release sets
# MAVEN_GPG_KEY and MAVEN_GPG_PASSPHRASE to the project's key instead; docs/release.md). Deploys nothing.
#
#   scripts/release/verify-release.sh [extra Maven arguments, e.g. -DskipTests]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

if [[ -z "${MAVEN_GPG_KEY:-}" ]]; then
  GNUPGHOME="$(mktemp -d)"
  export GNUPGHOME
  trap 'rm -rf "$GNUPGHOME"' EXIT
  gpg --batch --quiet --passphrase '' --quick-gen-key "cascade4j release check <release-check@invalid>" ed25519 sign 1d
  MAVEN_GPG_KEY="$(gpg --batch --armor --export-secret-keys)"
  export MAVEN_GPG_KEY
  echo "signing with a throwaway key made for this check"
fi

mvn -B -q -P release verify "$@"

version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)"
problems=0
check() { if [[ ! -s "$1" ]]; then echo "missing: $1"; problems=$((problems + 1)); fi; }
for pom in pom.xml cascade-bom/pom.xml; do
  for tag in name description url licenses developers scm; do
    grep -q "<$tag>" "$pom" || { echo "$pom has no <$tag>"; problems=$((problems + 1)); }
  done
done
check "target/cascade4j-parent-$version.pom.asc"
check "cascade-bom/target/cascade-bom-$version.pom.asc"
for module in cascade-api cascade-core cascade-testkit scenes stages-vision stages-detection stages-ocr stages-vlm \
    bittensor miner-adapter cascade-cli; do
  for file in "$module-$version.jar" "$module-$version-sources.jar" "$module-$version-javadoc.jar" \
      "$module-$version.pom"; do
    check "$module/target/$file.asc"
    [[ "$file" == *.pom ]] || check "$module/target/$file"
  done
  unzip -p "$module/target/$module-$version.jar" META-INF/MANIFEST.MF | grep -q '^Automatic-Module-Name: io\.cascade4j\.' \
    || { echo "$module: no Automatic-Module-Name"; problems=$((problems + 1)); }
done
if ((problems > 0)); then
  echo "$problems problem(s): not what Maven Central requires"
  exit 1
fi
echo "release check passed: every published module has its jar, sources, javadoc, POM and signatures ($version)"
