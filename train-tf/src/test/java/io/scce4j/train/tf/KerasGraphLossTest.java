package io.scce4j.train.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Tensor;
import io.scce4j.conformance.training.TrainingCase;
import io.scce4j.conformance.training.TrainingVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** The graph loss's rules beyond the vectors: paths, shapes, errors, and the gradient's registration. */
class KerasGraphLossTest {
    private static final TrainingCase ORDINARY = TrainingVectors.bundled(LossProfile.KERAS3).cases().get(0);

    private static LossOptions options(LossProfile p) {
        return LossOptions.builder().profile(p).build();
    }

    @Test
    void aSoftmaxIsReadAsItsLogitsEvenWithFromLogitsAndTheKeras3ExceptionsHideIt() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> z = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3, 4, 5)));
            Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, 3, 4)));
            Operand<TFloat32> p = tf.nn.softmax(z);
            for (LossProfile profile : LossProfile.values()) {
                GraphLoss<TFloat32> plain = KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, p, options(profile));
                assertEquals(LossInput.SOFTMAX_LOGITS, plain.input(), profile.id());
                assertEquals(z.op(), plain.read().op(), "the softmax's input itself");
                GraphLoss<TFloat32> logits = KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, p,
                        options(profile).toBuilder().fromLogits(true).build());
                assertEquals(LossInput.SOFTMAX_LOGITS, logits.input(), "Keras warns and reads the logits");
            }
            LossOptions ignoring = LossOptions.builder().ignoreClass(255).build();
            assertEquals(LossInput.CLIPPED_PROBABILITIES,
                    KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, p, ignoring).input(), "Keras 3's where");
            assertEquals(LossInput.SOFTMAX_LOGITS, KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, p,
                    ignoring.toBuilder().profile(LossProfile.KERAS2).build()).input(), "tf_keras reads the logits");
            assertEquals(LossInput.CLIPPED_PROBABILITIES, KerasGraphLoss.sparseCategoricalCrossentropy(tf, y,
                    tf.identity(p), options(LossProfile.KERAS3)).input());
            assertEquals(LossInput.LOGITS, KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, z,
                    LossOptions.builder().fromLogits(true).build()).input());
        }
    }

    @Test
    void aFloat64SoftmaxIsCastUnderKeras3AndReadAsLogitsUnderKeras2() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Operand<TFloat64> p = tf.nn.softmax(tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(4, 3))));
            Placeholder<TInt64> y = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(4)));
            GraphLoss<?> k3 = KerasGraphLoss.ofAnyFloat(tf, y, p, null, options(LossProfile.KERAS3));
            assertEquals(LossInput.CLIPPED_PROBABILITIES, k3.input());
            assertEquals(TFloat32.class, k3.value().type());
            GraphLoss<?> k2 = KerasGraphLoss.ofAnyFloat(tf, y, p, null, options(LossProfile.KERAS2));
            assertEquals(LossInput.SOFTMAX_LOGITS, k2.input());
            assertEquals(TFloat64.class, k2.value().type());
            GraphLoss<?> legacy = KerasGraphLoss.ofAnyFloat(tf, y, p, null, options(LossProfile.KERAS2_LEGACY));
            assertEquals(TFloat64.class, legacy.value().type(), "rounded to float32 inside, returned as float64");
        }
    }

    @Test
    void noneKeepsThePerElementShapeAndAnUnknownBatchGivesTheSameBits() {
        Tensor known = run(Shape.of(2, 6, 8, 3), Reduction.SUM_OVER_BATCH_SIZE);
        Tensor unknown = run(Shape.of(-1, 6, 8, 3), Reduction.SUM_OVER_BATCH_SIZE);
        assertEquals(known, unknown);
        assertEquals((float) ORDINARY.lossOfPredict(), known.getFloat(0), "the oracle's loss of model.predict");
        Tensor perPixel = run(Shape.of(-1, 6, 8, 3), Reduction.NONE);
        assertEquals(io.scce4j.api.Shape.of(2, 6, 8), perPixel.shape());
    }

    /** The oracle's model at its initial weights, the softmax behind an Identity: the loss of model.predict. */
    private static Tensor run(Shape xShape, Reduction reduction) {
        TrainingVectors v = TrainingVectors.bundled(LossProfile.KERAS3);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(xShape));
            Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 6, 8)));
            List<Operand<TFloat32>> w = new ArrayList<>();
            for (var named : v.initialWeights()) {
                try (TFloat32 t = (TFloat32) TfArrays.tf(named.value())) {
                    w.add(tf.constant(t));
                }
            }
            List<Long> strides = List.of(1L, 1L, 1L, 1L);
            Operand<TFloat32> h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, w.get(0), strides, "SAME"), w.get(1)));
            Operand<TFloat32> p = tf.identity(tf.nn.softmax(tf.nn.biasAdd(tf.nn.conv2d(h, w.get(2), strides,
                    "VALID"), w.get(3))));
            GraphLoss<TFloat32> loss = KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, p,
                    LossOptions.builder().reduction(reduction).build());
            assertEquals(reduction == Reduction.NONE ? 3 : 0, loss.value().shape().numDimensions(),
                    "static rank kept");
            try (Session s = new Session(g);
                    org.tensorflow.Tensor xs = TfArrays.tf(ORDINARY.x());
                    org.tensorflow.Tensor ys = TfArrays.tf(ORDINARY.y());
                    Result r = s.runner().feed(x, xs).feed(y, ys).fetch(loss.value()).run()) {
                return TfArrays.api(r.get(0));
            }
        }
    }

    @Test
    void shapesKerasRefusesFailWhenTheGraphIsBuiltWithKerasWords() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3, 4, 5)));
            Placeholder<TInt32> flat = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(24)));
            InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                    KerasGraphLoss.sparseCategoricalCrossentropy(tf, flat, p, options(LossProfile.KERAS3)));
            assertEquals(InvalidInputException.Reason.SHAPE_MISMATCH, e.reason());
            assertTrue(e.getMessage().startsWith("Argument `output` must have rank (ndim) `target.ndim - 1`"),
                    e.getMessage());
            assertNotNull(KerasGraphLoss.sparseCategoricalCrossentropy(tf, flat, p, options(LossProfile.KERAS2)),
                    "tf_keras flattens");
            Placeholder<TInt32> other = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, 3, 5)));
            assertThrows(InvalidInputException.class, () ->
                    KerasGraphLoss.sparseCategoricalCrossentropy(tf, other, p, options(LossProfile.KERAS3)));
            Placeholder<TFloat32> perImage = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2)));
            InvalidInputException w = assertThrows(InvalidInputException.class, () ->
                    KerasGraphLoss.sparseCategoricalCrossentropy(tf, tf.placeholder(TInt32.class,
                            Placeholder.shape(Shape.of(2, 3, 4))), p, perImage, options(LossProfile.KERAS3)));
            assertTrue(w.getMessage().contains("[N, 1, 1]"), w.getMessage());
            Placeholder<TFloat16> half = tf.placeholder(TFloat16.class, Placeholder.shape(Shape.of(2, 5)));
            assertEquals(InvalidInputException.Reason.INVALID_ARGUMENT, assertThrows(InvalidInputException.class,
                    () -> KerasGraphLoss.ofAnyFloat(tf, flat, half, null, options(LossProfile.KERAS2))).reason());
            Placeholder<TFloat32> noClasses = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, -1)));
            assertThrows(InvalidInputException.class, () -> KerasGraphLoss.sparseCategoricalCrossentropy(tf,
                    tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2))), noClasses, options(LossProfile.KERAS3)));
            assertThrows(InvalidInputException.class, () -> KerasGraphLoss.sparseCategoricalCrossentropy(tf,
                    tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, 3, 4))), p,
                    LossOptions.builder().profile(LossProfile.KERAS2_LEGACY).ignoreClass(255).build()));
        }
    }

    /** Eight threads build losses and take their gradients at once, in their own graphs, from the first call. */
    @Test
    void theGradientIsThereForEveryThreadAtOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Float>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit((Callable<Float>) () -> {
                    start.await();
                    return oneGradient();
                }));
            }
            start.countDown();
            float first = results.get(0).get();
            for (Future<Float> f : results) {
                assertEquals(first, f.get());
            }
            assertTrue(KerasGraphLoss.gradientAvailable());
        } finally {
            pool.shutdownNow();
        }
    }

    /** d loss / d logits at one element of a tiny batch: softmax(z) - onehot, over 2 (nonzero). */
    private static float oneGradient() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> z = tf.constant(new float[][] {{1f, 2f, 3f}, {0.5f, -1f, 2f}});
            Operand<TInt32> y = tf.constant(new int[] {2, 0});
            GraphLoss<TFloat32> loss = KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, z,
                    LossOptions.builder().fromLogits(true).build());
            Output<?> grad = g.addGradients(loss.value().asOutput(), new Output<?>[] {z.asOutput()})[0];
            try (Session s = new Session(g); Result r = s.runner().fetch(grad).run()) {
                float v = ((TFloat32) r.get(0)).getFloat(0, 0);
                assertTrue(v > 0 && v < 0.5f, "softmax(z)[0] / 2 = " + v);
                return v;
            }
        }
    }
}
