package io.scce4j.conformance;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException.Reason;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * The bad inputs every backend must refuse with {@link io.scce4j.api.InvalidInputException} and the same
 * {@link Reason}, beyond the errors Keras raises in the generated vectors: the api's own contract (null and
 * non-floating arguments, an option that does not exist in a profile, sample weights that fit no shape) and
 * the same mistakes reaching the gradient and the predictor. Ids start with {@code scce4j-contract-}; flag
 * {@code ErrorContract}. Where Keras raises too, the case says so.
 *
 * <pre>{@code
 * ConformanceKit.forBackend(backend).cases(ErrorContract.cases()).run();   // also part of the default cases
 * }</pre>
 */
public final class ErrorContract {
    private static final String FILE = "scce4j error contract";
    private static final String FLAG = "ErrorContract";

    private ErrorContract() {
    }

    /** The contract's cases, in a fixed order. */
    public static List<TestCase> cases() {
        Tensor labels = Tensor.ofInts(Shape.of(2, 3), 0, 1, 2, 2, 1, 0);
        Tensor probabilities = probabilities(2, 3, 3);
        LossOptions keras3 = LossOptions.defaults();
        List<TestCase> cases = new ArrayList<>();
        Builder b = new Builder(cases);
        b.loss("sample_weight that fits no shape", keras3, labels, probabilities, Tensor.ofFloats(Shape.of(5),
                1, 1, 1, 1, 1), Reason.SHAPE_MISMATCH, "Keras raises too (shapes cannot broadcast)");
        b.loss("sample_weight with a class axis", keras3, labels, probabilities, probabilities,
                Reason.SHAPE_MISMATCH, "Keras raises too");
        b.loss("integer y_pred", keras3, labels, Tensor.ofInts(Shape.of(2, 3, 3), new int[18]), null,
                Reason.INVALID_ARGUMENT, "scce4j: predictions are float32 or float64 (Keras would cast them)");
        b.loss("y_true is null", keras3, null, probabilities, null, Reason.INVALID_ARGUMENT, "scce4j");
        b.loss("y_pred is null", keras3, labels, null, null, Reason.INVALID_ARGUMENT, "scce4j");
        b.loss("y_pred of rank 0", keras3, Tensor.scalar(0f), Tensor.scalar(0.5f), null, Reason.SHAPE_MISMATCH,
                "Keras raises too (output must be at least rank 1)");
        b.loss("ignore_class under keras2-legacy, which predates it",
                LossOptions.builder().profile(LossProfile.KERAS2_LEGACY).ignoreClass(IgnoreClass.of(0)).build(),
                labels, probabilities, null, Reason.INVALID_ARGUMENT, "tf.keras <= 2.9 has no ignore_class argument");
        b.loss("an infinite float label", keras3, Tensor.ofFloats(Shape.of(2, 3), 0, 1, Float.POSITIVE_INFINITY,
                0, 0, 0), probabilities, null, Reason.LABEL_OUT_OF_RANGE, "Keras raises too");
        b.loss("an int64 label of 2^40", keras3, Tensor.ofLongs(Shape.of(2, 3), 0, 1, 1L << 40, 0, 0, 0),
                probabilities, null, Reason.LABEL_OUT_OF_RANGE, "Keras raises too");
        b.loss("a NaN label next to the ignored class", LossOptions.builder().ignoreClass(IgnoreClass.of(255))
                .build(), Tensor.ofFloats(Shape.of(2, 3), 255, Float.NaN, 0, 0, 0, 0), probabilities, null,
                Reason.LABEL_OUT_OF_RANGE, "Keras raises too");
        b.gradient("an out-of-range label on the gradient path", keras3, Tensor.ofInts(Shape.of(2, 3), 0, 3, 0, 0,
                0, 0), probabilities, Reason.LABEL_OUT_OF_RANGE);
        b.gradient("a NaN label on the gradient path", keras3, Tensor.ofFloats(Shape.of(2, 3), 0, Float.NaN, 0, 0,
                0, 0), probabilities, Reason.LABEL_OUT_OF_RANGE);
        b.gradient("mismatched shapes on the gradient path", keras3, Tensor.ofInts(Shape.of(3, 2), 0, 0, 0, 0, 0,
                0), probabilities, Reason.SHAPE_MISMATCH);
        b.predict("argmax of rank 0", Tensor.scalar(1f), Reason.SHAPE_MISMATCH);
        b.predict("argmax of integers", Tensor.ofInts(Shape.of(2, 3), new int[6]), Reason.INVALID_ARGUMENT);
        b.predict("argmax over 0 classes", Tensor.ofFloats(Shape.of(2, 0)), Reason.INVALID_ARGUMENT);
        b.predict("argmax of null", null, Reason.INVALID_ARGUMENT);
        return List.copyOf(cases);
    }

    private static Tensor probabilities(int n, int h, int c) {
        float[] p = new float[n * h * c];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % c + 1f) / (c * (c + 1) / 2f);
        }
        return Tensor.ofFloats(Shape.of(n, h, c), p);
    }

    private static final class Builder {
        private final List<TestCase> cases;

        Builder(List<TestCase> cases) {
            this.cases = cases;
        }

        void loss(String what, LossOptions o, Tensor yTrue, Tensor yPred, Tensor w, Reason reason, String why) {
            add(what, CaseKind.LOSS, o, yTrue, yPred, w, reason, why);
        }

        void gradient(String what, LossOptions o, Tensor yTrue, Tensor yPred, Reason reason) {
            add(what, CaseKind.GRADIENT, o, yTrue, yPred, null, reason, "Keras raises too");
        }

        void predict(String what, Tensor yPred, Reason reason) {
            add(what, CaseKind.PREDICT, null, null, yPred, null, reason, "scce4j");
        }

        private void add(String what, CaseKind kind, LossOptions o, Tensor yTrue, Tensor yPred, Tensor w,
                Reason reason, String why) {
            String id = String.format("scce4j-contract-%03d", cases.size() + 1);
            LossProfile profile = o == null ? LossProfile.KERAS3 : o.profile();
            cases.add(new TestCase(id, what, FILE, profile, kind, List.of(FLAG), o, yTrue, yPred, w, null, reason,
                    why, Tolerance.EXACT));
        }
    }
}
