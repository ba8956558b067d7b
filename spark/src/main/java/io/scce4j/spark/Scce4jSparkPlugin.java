package io.scce4j.spark;

import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Closes the scce4j backends of an executor when the executor stops. {@link EvalJob} adds it to
 * {@code spark.plugins} itself; a program that registers {@link Scce4jFunctions} on its own session adds it with
 * {@code --conf spark.plugins=io.scce4j.spark.Scce4jSparkPlugin}.
 *
 * <p>Why a plugin rather than only a JVM shutdown hook or a task listener: an executor plugin's
 * {@code shutdown()} runs exactly when Spark stops the executor, including the executor that local mode runs
 * inside the driver, whose JVM outlives {@code SparkSession.stop()} (tests, notebooks, services); a shutdown hook
 * alone would keep a native backend open there until the JVM exits. A task-completion listener ends with each
 * task, which would open and close a backend per task instead of once per executor. Without the plugin, a
 * shutdown hook still closes the backends when the executor's JVM exits.
 * <pre>{@code
 * SparkSession spark = SparkSession.builder()
 *         .config("spark.plugins", "io.scce4j.spark.Scce4jSparkPlugin").getOrCreate();
 * }</pre>
 */
public final class Scce4jSparkPlugin implements SparkPlugin {
    /** The plugin; Spark creates it from {@code spark.plugins}. */
    public Scce4jSparkPlugin() {
    }

    @Override
    public DriverPlugin driverPlugin() {
        return null; // nothing runs on the driver that local mode's executor plugin does not cover
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext ctx, Map<String, String> extraConf) {
                // backends open at their first use: which one a job asks for is known only then
            }

            @Override
            public void shutdown() {
                ExecutorBackends.closeAll();
            }
        };
    }
}
