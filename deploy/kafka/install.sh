#!/usr/bin/env bash
# Installs the local Apache Kafka broker jars from Maven Central (nothing else is downloaded).
# Idempotent and cached: prints the lib directory; a second run only checks the marker file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
cache="${RECRUITWATCH_CACHE:-$HOME/.cache/recruitwatch}"
dest="$cache/kafka-$version"
if [ -f "$dest/.complete" ]; then
  echo "$dest/lib"
  exit 0
fi
command -v java >/dev/null || { echo "install.sh: java (17+) is required for the local Kafka broker" >&2; exit 1; }
command -v mvn >/dev/null || { echo "install.sh: Maven (mvn) is required to fetch the Kafka jars" >&2; exit 1; }
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
  -DoutputDirectory="$dest.tmp/lib" -DincludeScope=runtime >&2
cp "$here/log4j2.yaml" "$dest.tmp/log4j2.yaml"
touch "$dest.tmp/.complete"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
echo "$dest/lib"
