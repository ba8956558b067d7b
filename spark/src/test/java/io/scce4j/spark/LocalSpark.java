package io.scce4j.spark;

import org.apache.spark.sql.SparkSession;

/** Sessions for the local-mode tests (surefire's system properties bind them to 127.0.0.1, without the UI). */
final class LocalSpark {
    private LocalSpark() {
    }

    /** A {@code local[2]} session with the plugin that closes the backends when it stops. */
    static SparkSession start() {
        return start("local[2]", "org.apache.spark.serializer.JavaSerializer");
    }

    /** A session of {@code master} with {@code serializer} and the job's plugin and Kryo registrator. */
    static SparkSession start(String master, String serializer) {
        return SparkSession.builder().master(master).appName("scce4j-spark tests")
                .config("spark.plugins", Scce4jSparkPlugin.class.getName())
                .config("spark.serializer", serializer)
                .config("spark.kryo.registrator", Scce4jKryoRegistrator.class.getName())
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
