package io.scce4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1 from Spark's own classes ({@code org.apache.spark.deploy.master.Master},
 * {@code org.apache.spark.deploy.worker.Worker}), each in its own JVM, with a SPARK_HOME laid out as a Spark
 * distribution's (its {@code jars/} are this module's provided class path), and drivers submitted to it through
 * {@code org.apache.spark.deploy.SparkSubmit}. Every JVM it starts is killed, with its children (the executors),
 * by {@link #close()}, by a shutdown hook if the test JVM ends first, and, if that JVM is killed outright, by
 * {@code .ci/run} from the PID file {@code target/spark-cluster.pids}.
 */
final class LoopbackCluster implements AutoCloseable {
    /** The JVMs started and not yet stopped: {@code PID role} per line. */
    static final Path PIDS = Path.of("target", "spark-cluster.pids").toAbsolutePath();
    private static final long START_TIMEOUT_S = 120; // a hang guard, not a performance assertion

    private final Path work;
    private final Path home;
    private final String javaOpts;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final Thread hook = new Thread(this::killAll, "loopback-cluster-cleanup");
    private String masterUrl;

    private LoopbackCluster(Path work, String javaOpts) {
        this.work = work;
        this.home = work.resolve("spark-home");
        this.javaOpts = javaOpts;
    }

    /**
     * Starts a master and {@code workers} workers of one core and 1 GB each.
     *
     * @param sparkClasspath the file listing Spark's jars ({@code target/spark-classpath.txt})
     * @param javaOpts Spark's Java 17 option list, for the drivers
     */
    static LoopbackCluster start(Path work, Path sparkClasspath, String javaOpts, int workers)
            throws IOException, InterruptedException {
        LoopbackCluster c = new LoopbackCluster(work, javaOpts);
        Runtime.getRuntime().addShutdownHook(c.hook);
        try {
            c.layOutHome(sparkClasspath);
            Process master = c.launch("master", work.resolve("master.log"), Map.of(), "-Xmx256m",
                    "-Dspark.master.rest.enabled=false", "-Dspark.worker.timeout=10",
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
            Matcher m = c.await(master, work.resolve("master.log"),
                    Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)"));
            c.await(master, work.resolve("master.log"), Pattern.compile("I have been elected leader"));
            c.masterUrl = m.group(1);
            for (int i = 0; i < workers; i++) {
                Path dir = Files.createDirectories(work.resolve("worker-" + i));
                c.workers.add(c.launch("worker-" + i, work.resolve("worker-" + i + ".log"),
                        Map.of("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString()),
                        "-Xmx256m", "-Dspark.worker.timeout=10", "org.apache.spark.deploy.worker.Worker", "--host",
                        "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                        "--work-dir", dir.toString(), c.masterUrl));
            }
            for (int i = 0; i < workers; i++) {
                c.await(c.workers.get(i), work.resolve("worker-" + i + ".log"),
                        Pattern.compile("Successfully registered with master"));
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String masterUrl() {
        return masterUrl;
    }

    /** The work folder of worker {@code i} (its executors' logs are under it). */
    Path workerDir(int i) {
        return work.resolve("worker-" + i);
    }

    private void layOutHome(Path sparkClasspath) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String jar : Files.readString(sparkClasspath).trim().split(java.io.File.pathSeparator)) {
            Path link = jars.resolve(Path.of(jar).getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, Path.of(jar));
            }
        }
        // Executors put $SPARK_HOME/conf first on their class path: this is their logging too.
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/log4j2.properties"), String.join("\n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex",
                "logger.deploy.name = org.apache.spark.deploy",
                "logger.deploy.level = info",
                "logger.native.name = org.apache.hadoop.util.NativeCodeLoader",
                "logger.native.level = error",
                "logger.scce4j.name = io.scce4j",
                "logger.scce4j.level = info", ""));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process launch(String role, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-cp", home.resolve("conf") + ":"
                + home.resolve("jars") + "/*"));
        command.addAll(Arrays.asList(args));
        return start(role, command, env, log, log);
    }

    private Process start(String role, List<String> command, Map<String, String> env, Path out, Path err)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
        if (out.equals(err)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(err.toFile());
        }
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13"); // else executors fail: "Cannot find any build directories"
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        Process p = pb.start();
        synchronized (processes) {
            processes.add(p);
        }
        Files.createDirectories(PIDS.getParent());
        Files.writeString(PIDS, p.pid() + " " + role + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return p;
    }

    /**
     * Starts a driver: {@code SparkSubmit} in client mode with the cluster's loopback settings, then
     * {@code submitArgs} (more {@code --conf}s, {@code --jars}, the application jar and its arguments).
     */
    Process submit(Path out, Path err, Map<String, String> env, List<String> submitArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-cp", home.resolve("conf") + ":" + home.resolve("jars") + "/*",
                "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl, "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=512m",
                "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=" + workers.size(),
                "--conf", "spark.local.dir=" + Files.createDirectories(work.resolve("driver-local"))));
        command.addAll(submitArgs);
        return start("driver", command, env, out, err);
    }

    /** Kills worker {@code i} and its executor at once (SIGKILL), as a machine that dies. */
    void killWorker(int i) throws InterruptedException {
        Process w = workers.get(i);
        w.descendants().forEach(ProcessHandle::destroyForcibly);
        w.destroyForcibly();
        w.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for a line of {@code log} to match, while {@code p} lives. */
    private Matcher await(Process p, Path log, Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(log + ": the JVM exited (" + p.exitValue() + ") before '" + pattern
                        + "'; last lines: " + tail(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(log + ": no '" + pattern + "' within " + START_TIMEOUT_S + " s; last lines: "
                + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private void killAll() {
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
            processes.clear();
        }
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs killAll anyway
        }
        try {
            Files.deleteIfExists(PIDS);
        } catch (IOException e) {
            // .ci/run checks each PID's command line before it kills it
        }
    }
}
