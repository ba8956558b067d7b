package io.scce4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.LossOptions;
import io.scce4j.eval.Evaluation;
import io.scce4j.eval.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged job jar ({@code target/scce4j-spark-job.jar}) submitted with {@code SparkSubmit} to a real
 * standalone cluster on 127.0.0.1, a master and two workers in their own JVMs ({@link LoopbackCluster}): its
 * reports equal the single-process evaluation's and the command's, bit for bit; then, with a worker and its
 * executor killed while tasks run, the job finishes with the same reports, each image counted once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopbackClusterIT {
    private static final int IMAGES = 120;
    private static final long JOB_TIMEOUT_S = 300; // a hang guard, not a performance assertion
    private static final Pattern PROGRESS = Pattern.compile("^eval: (\\d+)/" + IMAGES + " images");

    static Path work;
    static Path masks;
    static Path predictions;
    static LossOptions options;
    static EvaluationReport reference;
    static LoopbackCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of("target", "loopback-cluster-it").toAbsolutePath();
        deleteRecursively(work);
        TestImages.write(work.resolve("data"), IMAGES, 32, 40, 6, 23);
        masks = work.resolve("data/masks");
        predictions = work.resolve("data/predictions");
        options = EvalSettings.defaults().withIgnoreClass(TestImages.VOID).lossOptions();
        Evaluation single = Reference.evaluate(masks, predictions, options);
        reference = EvaluationReport.of(single, options, 5);
        cluster = LoopbackCluster.start(work.resolve("cluster"), Path.of(System.getProperty("scce4j.spark.classpath")),
                System.getProperty("scce4j.spark.javaOpts"), 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Process submit(String name, Map<String, String> env, List<String> conf, String... jobArgs)
            throws IOException {
        List<String> args = new ArrayList<>(conf);
        args.addAll(List.of("--jars", System.getProperty("scce4j.spark.testsJar"),
                System.getProperty("scce4j.spark.jobJar"), "--y-true", masks.toString(), "--y-pred",
                predictions.toString(), "--ignore-class", "255", "--format", "json"));
        args.addAll(List.of(jobArgs));
        return cluster.submit(work.resolve(name + ".out"), work.resolve(name + ".err"), env, args);
    }

    private static void assertExitedOk(String name, Process driver) throws Exception {
        assertTrue(driver.waitFor(JOB_TIMEOUT_S, TimeUnit.SECONDS), name + " hangs: "
                + LoopbackCluster.tail(work.resolve(name + ".err")));
        assertEquals(0, driver.exitValue(), () -> name + ": " + tail(name));
    }

    private static String tail(String name) {
        try {
            return LoopbackCluster.tail(work.resolve(name + ".err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    @Order(1)
    void theJobOnTwoWorkersMakesTheSingleProcessReportsBitForBit() throws Exception {
        Path html = work.resolve("eval.html");
        Path csv = work.resolve("per-image.csv");
        long submitted = System.nanoTime();
        Process driver = submit("job", Map.of(), List.of(), "--backend", "cpu", "--partitions", "7", "--report",
                html.toString(), "--csv", csv.toString());
        assertExitedOk("job", driver);
        System.out.printf("spark-submit of the job jar: the driver exited after %.1f s%n",
                (System.nanoTime() - submitted) / 1e9);
        assertEquals(reference.json(), Files.readString(work.resolve("job.out")));
        assertEquals(reference.html(), Files.readString(html));
        assertEquals(reference.csv(), Files.readString(csv));
        assertTrue(Files.readString(work.resolve("job.err")).contains("eval: 120/120 images (7/7 tasks)"), tail("job"));

        // and the command's own output on the same files
        Reference.Run cli = Reference.cli("eval", "--y-true", masks.toString(), "--y-pred", predictions.toString(),
                "--ignore-class", "255", "--backend", "cpu", "--format", "json");
        assertEquals(cli.out(), Files.readString(work.resolve("job.out")));

        // Both workers ran an executor of the job; each chose its backend once and closed it when it stopped.
        for (int w = 0; w < 2; w++) {
            Path log = executorLog(cluster.workerDir(w));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // executors stop after the driver
            while (!Files.readString(log).contains("scce4j: closed backend cpu") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String executor = Files.readString(log);
            assertEquals(1, count(executor, "scce4j: opened backend cpu"), log.toString());
            assertEquals(1, count(executor, "scce4j: closed backend cpu"), log.toString());
        }
    }

    /** The stderr of the one executor a worker ran for the (first) application. */
    private static Path executorLog(Path workerDir) throws IOException {
        try (Stream<Path> logs = Files.walk(workerDir, 3)) {
            List<Path> all = logs.filter(p -> p.getFileName().toString().equals("stderr")
                    && p.getParent().getParent().getFileName().toString().startsWith("app-")).toList();
            assertEquals(1, all.size(), workerDir + ": " + all);
            return all.get(0);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Order(2)
    void aWorkerKilledWhileTasksRunChangesNothingAndCountsNothingTwice() throws Exception {
        // One image per task, 150 ms each (backend test-cpu, from the tests jar): tasks are running at the kill.
        long submitted = System.nanoTime();
        Process driver = submit("worker-lost", Map.of(), List.of("--conf",
                "spark.executorEnv.SCCE4J_TEST_DELAY_MS=150"), "--backend", "test-cpu", "--partitions",
                String.valueOf(IMAGES));
        Path err = work.resolve("worker-lost.err");
        int doneAtKill = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOB_TIMEOUT_S);
        while (doneAtKill < 0 && driver.isAlive() && System.nanoTime() < deadline) {
            int done = lastProgress(err);
            if (done >= 30) {
                cluster.killWorker(0);
                doneAtKill = done;
                System.out.printf("killed worker 0 and its executor at %d/%d images, %.1f s after submitting%n", done,
                        IMAGES, (System.nanoTime() - submitted) / 1e9);
            } else {
                Thread.sleep(20);
            }
        }
        assertTrue(doneAtKill >= 30 && doneAtKill < IMAGES, "killed at " + doneAtKill + " of " + IMAGES + " images: "
                + tail("worker-lost"));
        assertExitedOk("worker-lost", driver);
        System.out.printf("the driver exited %.1f s after submitting%n", (System.nanoTime() - submitted) / 1e9);
        assertEquals(reference.json(), Files.readString(work.resolve("worker-lost.out")));
        Matcher stats = Pattern.compile("spark: (\\d+) tasks, (\\d+) failed attempt\\(s\\) run again, (\\d+) executor"
                + "\\(s\\) removed").matcher(Files.readString(err));
        assertTrue(stats.find(), tail("worker-lost"));
        System.out.println(stats.group());
        assertEquals(IMAGES, Integer.parseInt(stats.group(1)));
        assertTrue(Integer.parseInt(stats.group(3)) >= 1, "no executor was lost: " + stats.group());
        assertEquals(IMAGES, lastProgress(err), "each image counted once");
    }

    /** The images done by the driver's last progress line; -1 before the first. */
    private static int lastProgress(Path err) throws IOException {
        int done = -1;
        if (Files.exists(err)) {
            for (String line : Files.readAllLines(err)) {
                Matcher m = PROGRESS.matcher(line);
                if (m.find()) {
                    done = Integer.parseInt(m.group(1));
                }
            }
        }
        return done;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
