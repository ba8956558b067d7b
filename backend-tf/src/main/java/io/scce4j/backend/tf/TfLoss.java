package io.scce4j.backend.tf;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Tensor;
import io.scce4j.keras.LossCall;
import io.scce4j.spi.ValidatedLoss;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/** The tf backend's loss: validates, picks the graph of its configuration, feeds, fetches, closes. */
final class TfLoss extends ValidatedLoss {
    private final TfBackend backend;

    TfLoss(LossOptions options, TfBackend backend) {
        super(options);
        this.backend = backend;
    }

    @Override
    protected Tensor value(LossCall in) {
        return backend.withOpen(() -> run(in, false)[0]);
    }

    @Override
    protected LossWithGradient valueAndGradient(LossCall in) {
        Tensor[] out = backend.withOpen(() -> run(in, true));
        return new LossWithGradient(out[0], out[1]);
    }

    private Tensor[] run(LossCall in, boolean gradient) {
        LossGraph graph = backend.graph(new LossGraph.Key(in, gradient));
        List<org.tensorflow.Tensor> feeds = new ArrayList<>();
        try {
            Session.Runner runner = graph.session.runner();
            runner.feed(LossGraph.Y_PRED, add(feeds, TfTensors.predictions(in)));
            runner.feed(LossGraph.LABELS, add(feeds, TfTensors.labels(in)));
            if (graph.key.ignore) {
                runner.feed(LossGraph.VALID, add(feeds, TfTensors.valid(in)));
            }
            if (graph.key.weights != LossCall.WeightKind.NONE) {
                runner.feed(LossGraph.WEIGHTS, add(feeds, TfTensors.weights(in)));
            }
            if (graph.key.needsGivenWeights()) {
                runner.feed(LossGraph.GIVEN_WEIGHTS, add(feeds, TfTensors.givenWeights(in)));
            }
            runner.fetch(LossGraph.VALUE);
            if (gradient) {
                runner.fetch(LossGraph.GRADIENT);
            }
            try (Result result = runner.run()) {
                Tensor value = TfTensors.toApi(result.get(0), in.valueShape(), in.precision().valueType());
                Tensor grad = gradient ? TfTensors.toApi(result.get(1), in.yPred().shape(), in.yPred().dtype())
                        : null;
                return new Tensor[] {value, grad};
            }
        } catch (TFInvalidArgumentException e) {
            // Labels are checked before TensorFlow sees them; this keeps TensorFlow's own check from leaking.
            throw new InvalidInputException(e.getMessage().contains("label value")
                    ? InvalidInputException.Reason.LABEL_OUT_OF_RANGE : InvalidInputException.Reason.INVALID_ARGUMENT,
                    e.getMessage().lines().findFirst().orElse("TensorFlow rejected the input"));
        } finally {
            feeds.forEach(org.tensorflow.Tensor::close);
        }
    }

    private static org.tensorflow.Tensor add(List<org.tensorflow.Tensor> all, org.tensorflow.Tensor t) {
        all.add(t);
        return t;
    }
}
