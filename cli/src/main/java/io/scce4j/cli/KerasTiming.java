package io.scce4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.scce4j.api.Tensor;
import io.scce4j.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keras itself, timed on the batch {@code bench} times the backends on: the batch goes to NumPy files, the Keras
 * oracle's pinned Python environment runs {@code bench_keras.py} on them (Keras 3 on TensorFlow, each op a
 * {@code tf.function}, the same threads and repetitions), and its medians come back.
 */
final class KerasTiming {
    private KerasTiming() {
    }

    /** What Keras took for each op: median, min and max milliseconds; and the versions it ran. */
    record Result(Map<String, double[]> ops, String versions) {
    }

    static Result run(Path oracle, Tensor yTrue, Tensor probs, Tensor logits, int threads, int repetitions)
            throws IOException, InterruptedException {
        Path python = oracle.resolve(".venv/bin/python");
        Path script = oracle.resolve("bench_keras.py");
        if (!Files.isExecutable(python) || !Files.exists(script)) {
            throw new IOException(oracle + ": no Keras environment (.venv/bin/python and bench_keras.py); create it "
                    + "once with python3 conformance-tests/keras-oracle/generate.py, or give --keras-oracle DIR");
        }
        Path dir = Files.createTempDirectory("scce4j-bench-keras");
        try {
            Npy.write(dir.resolve("y_true.npy"), yTrue);
            Npy.write(dir.resolve("probs.npy"), probs);
            Npy.write(dir.resolve("logits.npy"), logits);
            Process p = new ProcessBuilder(python.toString(), script.toString(), "--dir", dir.toString(), "--threads",
                    Integer.toString(threads), "--repetitions", Integer.toString(repetitions))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
                p.destroyForcibly();
                throw new IOException(script + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue())
                        + "); run it by hand to see why");
            }
            JsonNode root = Output.JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
            Map<String, double[]> ops = new LinkedHashMap<>();
            root.path("ops").fields().forEachRemaining(e -> ops.put(e.getKey(), new double[] {
                e.getValue().path("median_ms").asDouble(), e.getValue().path("min_ms").asDouble(),
                e.getValue().path("max_ms").asDouble()}));
            return new Result(ops, "Keras " + root.path("keras").asText() + ", TensorFlow "
                    + root.path("tensorflow").asText());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
