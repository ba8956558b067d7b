#!/usr/bin/env bash
# Renders docs/perf/scaling.png and prints the performance table from docs/perf/bench-*.json.
# Make the inputs with: ./scce4j bench --shape S --format json > docs/perf/bench-S.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
lib=cli/target/lib
cp=$(ls "$lib"/jackson-databind-*.jar "$lib"/jackson-core-*.jar "$lib"/jackson-annotations-*.jar | tr '\n' ':')
exec java -Djava.awt.headless=true -cp "$cp" docs/perf/Render.java
