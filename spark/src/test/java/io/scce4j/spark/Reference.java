package io.scce4j.spark;

import io.scce4j.api.Backend;
import io.scce4j.api.LossOptions;
import io.scce4j.cli.Main;
import io.scce4j.discovery.Backends;
import io.scce4j.eval.Evaluation;
import io.scce4j.eval.Evaluator;
import io.scce4j.eval.ImagePair;
import io.scce4j.eval.ImagePairs;
import io.scce4j.guice.Scce4jModule;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.MaskChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The single-process references: the eval library's loop with the cpu backend, and the command itself. */
final class Reference {
    private Reference() {
    }

    /** The evaluation {@code scce4j eval} makes: the library, pair by pair, with the cpu backend. */
    static Evaluation evaluate(Path masks, Path predictions, LossOptions options) throws IOException {
        Evaluation all = new Evaluation();
        try (Backend b = Backends.load("cpu")) {
            Evaluator e = new Evaluator(b.loss(options), b.predictor());
            for (ImagePair p : ImagePairs.of(masks, predictions)) {
                all.combine(e.evaluate(p.name(), ArrayFiles.readLabels(p.mask(), "y_true", MaskChannel.red),
                        ArrayFiles.read(p.prediction(), "y_pred")));
            }
        }
        return all;
    }

    /** What {@code scce4j} prints and returns for {@code args} ({@code io.scce4j.cli.Main}, in this JVM). */
    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), new Scce4jModule());
        return new Run(status, out.toString(), err.toString());
    }

    /** What {@code scce4j-spark} prints and returns for {@code args} ({@link EvalJob}, in this JVM). */
    static Run spark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = EvalJob.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * A command's exit status and output.
     *
     * @param status the exit status
     * @param out stdout
     * @param err stderr
     */
    record Run(int status, String out, String err) {
        /** The line of stderr starting with {@code scce4j: error:}, or null. */
        String error() {
            return err.lines().filter(l -> l.startsWith("scce4j: error:")).findFirst().orElse(null);
        }
    }
}
