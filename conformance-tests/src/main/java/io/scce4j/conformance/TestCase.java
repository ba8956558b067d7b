package io.scce4j.conformance;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import java.util.List;
import java.util.Optional;

/**
 * One reference case: inputs, options, and what Keras returned (or which error it raised).
 */
public final class TestCase {
    private final String id;
    private final String comment;
    private final String file;
    private final LossProfile profile;
    private final CaseKind kind;
    private final List<String> flags;
    private final LossOptions options;
    private final Tensor yTrue;
    private final Tensor yPred;
    private final Tensor sampleWeight;
    private final Tensor expected;
    private final InvalidInputException.Reason expectedError;
    private final String kerasError;
    private final Tolerance tolerance;
    private final InvalidInputException optionsError;

    TestCase(String id, String comment, String file, LossProfile profile, CaseKind kind, List<String> flags,
            LossOptions options, Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor expected,
            InvalidInputException.Reason expectedError, String kerasError, Tolerance tolerance) {
        this(id, comment, file, profile, kind, flags, options, yTrue, yPred, sampleWeight, expected, expectedError,
                kerasError, tolerance, null);
    }

    TestCase(String id, String comment, String file, LossProfile profile, CaseKind kind, List<String> flags,
            LossOptions options, Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor expected,
            InvalidInputException.Reason expectedError, String kerasError, Tolerance tolerance,
            InvalidInputException optionsError) {
        this.optionsError = optionsError;
        this.id = id;
        this.comment = comment;
        this.file = file;
        this.profile = profile;
        this.kind = kind;
        this.flags = List.copyOf(flags);
        this.options = options;
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.sampleWeight = sampleWeight;
        this.expected = expected;
        this.expectedError = expectedError;
        this.kerasError = kerasError;
        this.tolerance = tolerance;
    }

    /** The case id, unique across the bundled vectors, e.g. {@code keras3-loss-017}. */
    public String id() {
        return id;
    }

    /** What the case is about. */
    public String comment() {
        return comment;
    }

    /** The file it came from. */
    public String file() {
        return file;
    }

    /** The Keras profile that produced it. */
    public LossProfile profile() {
        return profile;
    }

    /** What it checks. */
    public CaseKind kind() {
        return kind;
    }

    /** Tags such as {@code IgnoreClass}, {@code Clipping}, {@code OutOfRangeLabel}. */
    public List<String> flags() {
        return flags;
    }

    /**
     * What the api raised while building the case's options (a reduction name the profile's Keras rejects, say):
     * then {@link #options()} is null and the case's call raises this, on every backend.
     */
    public Optional<InvalidInputException> optionsError() {
        return Optional.ofNullable(optionsError);
    }

    /** The loss options (with the file's profile); null for predict cases and when {@link #optionsError()}. */
    public LossOptions options() {
        return options;
    }

    /** The labels; null for predict cases. */
    public Tensor yTrue() {
        return yTrue;
    }

    /** The predictions. */
    public Tensor yPred() {
        return yPred;
    }

    /** The sample weights, or null. */
    public Tensor sampleWeight() {
        return sampleWeight;
    }

    /** What Keras returned; empty when Keras raised. */
    public Optional<Tensor> expected() {
        return Optional.ofNullable(expected);
    }

    /** The error a backend must raise because Keras raised; empty when Keras returned a value. */
    public Optional<InvalidInputException.Reason> expectedError() {
        return Optional.ofNullable(expectedError);
    }

    /** Keras's own error message, for reports. */
    public String kerasError() {
        return kerasError;
    }

    /** The tolerance stored with the case (Keras's own answer: exact). */
    public Tolerance tolerance() {
        return tolerance;
    }

    @Override
    public String toString() {
        return id + " (" + comment + ")";
    }
}
