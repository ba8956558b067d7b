package io.scce4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scce4j.spark.testbackend.TestCpuBackendProvider;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each executor (here: local mode's, in this JVM) opens its backend once for every task and job, with one thread
 * per task, and {@link Scce4jSparkPlugin} closes it when the executor stops.
 */
class BackendLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void oneBackendPerExecutorClosedWhenItStops() throws Exception {
        TestImages.write(dir, 8, 8, 8, 3, 1);
        int opened = TestCpuBackendProvider.OPENED.get();
        int closed = TestCpuBackendProvider.CLOSED.get();
        SparkSession spark = LocalSpark.start();
        try {
            EvalSettings s = EvalSettings.defaults().withIgnoreClass(255L).withBackend("test-cpu").withPartitions(8);
            for (int job = 0; job < 2; job++) {
                SparkEval.with(s).files(spark, dir.resolve("masks").toString(), dir.resolve("predictions").toString());
            }
            assertEquals(opened + 1, TestCpuBackendProvider.OPENED.get(), "16 tasks in 2 jobs, one backend");
            assertEquals(closed, TestCpuBackendProvider.CLOSED.get(), "open while the executor runs");
            assertEquals(1, TestCpuBackendProvider.THREADS.get(), "spark.task.cpus threads");
        } finally {
            spark.stop();
        }
        assertEquals(closed + 1, TestCpuBackendProvider.CLOSED.get(), "closed when the executor stopped");
    }
}
