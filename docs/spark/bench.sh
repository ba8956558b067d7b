#!/usr/bin/env bash
# The Spark benchmark in one run (SparkBenchmark, in spark's test sources): single process, local[1], local[2]
# and a two-worker loopback cluster on a generated set; writes docs/spark/bench.json and bench.md.
#   bash docs/spark/bench.sh [images height width classes]      (default: 2000 128 128 23)
# The set (about 3 GB at the default) is generated once under spark/target/bench/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
n="${1:-2000}"; h="${2:-128}"; w="${3:-128}"; c="${4:-23}"
mvn -B -q -DskipTests package -pl spark -am
opts="$(sed -n 's:.*<spark.java.opts>\(.*\)</spark.java.opts>.*:\1:p' spark/pom.xml)"
cd spark
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java $opts -Xmx2g -XX:+UseSerialGC -Dlog4j2.configurationFile=io/scce4j/spark/log4j2-quiet.properties \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" io.scce4j.spark.SparkBenchmark \
  "$root/docs/spark" target/bench "$n" "$h" "$w" "$c" "$PWD/target/scce4j-spark-job.jar" target/spark-classpath.txt "$opts"
