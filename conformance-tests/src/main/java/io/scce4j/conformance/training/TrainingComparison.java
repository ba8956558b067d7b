package io.scce4j.conformance.training;

import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.api.Ulps;
import java.util.List;
import java.util.Locale;

/**
 * A trainer's run against Keras's: the largest deviation of the step losses and of the final weights, in float32
 * ulps and absolutely.
 *
 * <pre>{@code
 * TrainingComparison cmp = TrainingComparison.of(trainingCase, run);
 * assertTrue(cmp.within(Tolerance.EXACT), cmp.summary());   // bit for bit
 * }</pre>
 *
 * @param trainingCase Keras's run
 * @param run the trainer's run
 * @param lossUlps the largest float32 distance of a step loss
 * @param lossAbs the largest absolute difference of a step loss
 * @param weightUlps the largest float32 distance of a final weight element
 * @param weightAbs the largest absolute difference of a final weight element
 * @param worstWeight the weight holding {@code weightUlps}
 */
public record TrainingComparison(TrainingCase trainingCase, TrainingRun run, long lossUlps, double lossAbs,
        long weightUlps, double weightAbs, String worstWeight) {

    /**
     * Compares a run with the case's expectations.
     *
     * @throws IllegalArgumentException when the run has another number of steps, or lacks a weight or has one of
     *     another shape
     */
    public static TrainingComparison of(TrainingCase c, TrainingRun run) {
        List<Double> want = c.expectedLosses();
        if (run.losses().size() != want.size()) {
            throw new IllegalArgumentException(c.id() + ": " + run.losses().size() + " step losses, Keras logged "
                    + want.size());
        }
        long lossUlps = 0;
        double lossAbs = 0;
        for (int i = 0; i < want.size(); i++) {
            lossUlps = Math.max(lossUlps, Ulps.between(run.losses().get(i), want.get(i), true));
            lossAbs = Math.max(lossAbs, Math.abs(run.losses().get(i) - want.get(i)));
        }
        long weightUlps = 0;
        double weightAbs = 0;
        String worst = c.expectedWeights().get(0).name();
        for (NamedTensor expected : c.expectedWeights()) {
            Tensor got = got(c, run, expected);
            for (int i = 0; i < got.size(); i++) {
                long u = Ulps.between(got.getDouble(i), expected.value().getDouble(i), true);
                if (u > weightUlps) {
                    weightUlps = u;
                    worst = expected.name();
                }
                weightAbs = Math.max(weightAbs, Math.abs(got.getDouble(i) - expected.value().getDouble(i)));
            }
        }
        return new TrainingComparison(c, run, lossUlps, lossAbs, weightUlps, weightAbs, worst);
    }

    private static Tensor got(TrainingCase c, TrainingRun run, NamedTensor expected) {
        Tensor got = run.weights().stream().filter(w -> w.name().equals(expected.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(c.id() + ": the run has no weight '"
                        + expected.name() + "'")).value();
        if (!got.shape().equals(expected.value().shape())) {
            throw new IllegalArgumentException(c.id() + ": weight '" + expected.name() + "' has shape " + got.shape()
                    + ", Keras's " + expected.value().shape());
        }
        return got;
    }

    /** Whether every step loss and every final weight element is within {@code t} of Keras's. */
    public boolean within(Tolerance t) {
        for (int i = 0; i < run.losses().size(); i++) {
            if (!t.allows(run.losses().get(i), trainingCase.expectedLosses().get(i))) {
                return false;
            }
        }
        for (NamedTensor expected : trainingCase.expectedWeights()) {
            Tensor got = got(trainingCase, run, expected);
            for (int i = 0; i < got.size(); i++) {
                if (!t.allows(got.getDouble(i), expected.value().getDouble(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One line: the case, both sets of step losses, and the deviations, e.g. {@code keras3-training-002
     * (saturated batch): losses 23.831232 8.9797211 7.0218029 vs Keras 23.831232 8.9797211 7.0218029 (0 ulp);
     * weights 0 ulp (max |d| 0)}.
     */
    public String summary() {
        return String.format(Locale.ROOT, "%s (%s): losses %s vs Keras %s (%s ulp, max |d| %.3g); weights %s ulp "
                        + "(max |d| %.3g, %s)", trainingCase.id(), trainingCase.comment(), text(run.losses()),
                text(trainingCase.expectedLosses()), Ulps.text(lossUlps), lossAbs, Ulps.text(weightUlps), weightAbs,
                worstWeight);
    }

    private static String text(List<Double> values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : " ").append((float) v);
        }
        return b.toString();
    }
}
