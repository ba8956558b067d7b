package io.scce4j.backend.cpu;

import io.scce4j.api.DType;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.keras.LossCall;
import io.scce4j.keras.PacketTreeSum;
import io.scce4j.keras.Precision;
import io.scce4j.keras.Weighting;
import io.scce4j.spi.ValidatedLoss;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The cpu backend's loss. One pass over {@code y_pred}: each chunk of elements computes its losses, weights
 * them and, when asked, writes the gradient rows. A float32 reduction then adds the weighted values in
 * TensorFlow's order ({@link PacketTreeSum}); a float64 one adds chunk partial sums in chunk order. Either way the
 * thread count never changes a bit.
 */
final class CpuLoss extends ValidatedLoss {
    private final Chunks chunks;
    private final FloatKernel kernel;

    CpuLoss(LossOptions options, Chunks chunks, FloatKernel kernel) {
        super(options);
        this.chunks = chunks;
        this.kernel = kernel;
    }

    @Override
    protected Tensor value(LossCall call) {
        return evaluate(call, false).value();
    }

    @Override
    protected LossWithGradient valueAndGradient(LossCall call) {
        Pass pass = evaluate(call, true);
        return new LossWithGradient(pass.value(), pass.gradient());
    }

    private Pass evaluate(LossCall call, boolean withGradient) {
        chunks.checkOpen();
        Pass pass = new Pass(call, withGradient, kernel);
        chunks.run(call.numElements(), call.numClasses(), pass::chunk);
        return pass;
    }

    /** One call's state: inputs, outputs, and the weighted values to reduce (float32) or their chunk sums. */
    private static final class Pass {
        private static final int CACHED_SUMMANDS = 1 << 20;
        private static final ThreadLocal<float[]> SUMMANDS = new ThreadLocal<>();

        private final LossCall in;
        private final FloatKernel kernel;
        private final Weighting weights;
        private final boolean withGradient;
        private final boolean doubleLoss;
        private final boolean singleReduction;
        private final boolean fromLogits;
        private final int classes;
        private final long packetEnd;
        private final FloatBuffer floats;
        private final DoubleBuffer doubles;
        /** float64 reductions: one partial sum per chunk, combined in chunk order. */
        private final double[] partialSums;
        /** float32 reductions: the weighted values, summed in TensorFlow's order at the end. */
        private final float[] summands;
        private final float[] valuesF;
        private final double[] valuesD;
        private final float[] gradF;
        private final double[] gradD;

        Pass(LossCall in, boolean withGradient, FloatKernel kernel) {
            this.in = in;
            this.kernel = kernel;
            this.weights = in.weighting();
            this.withGradient = withGradient;
            Precision precision = in.precision();
            this.doubleLoss = precision.lossType() == DType.FLOAT64;
            this.singleReduction = precision.reducesInFloat32();
            this.fromLogits = in.options().fromLogits();
            this.classes = in.numClasses();
            this.packetEnd = FloatRows.packetEnd((long) in.numElements() * classes);
            this.floats = doubleLoss ? null : in.floatPredictions();
            this.doubles = doubleLoss ? in.yPred().doubleBuffer() : null;
            int n = in.numElements();
            this.summands = in.isReduced() && singleReduction ? summandsFor(n) : null;
            this.partialSums = in.isReduced() && !singleReduction ? new double[Chunks.count(n)] : null;
            boolean keepValues = !in.isReduced();
            this.valuesF = keepValues && singleReduction ? new float[n] : null;
            this.valuesD = keepValues && !singleReduction ? new double[n] : null;
            this.gradF = withGradient && !doubleLoss ? new float[n * classes] : null;
            this.gradD = withGradient && doubleLoss ? new double[n * classes] : null;
        }

        /**
         * Room for n summands: the calling thread's reused array up to {@value #CACHED_SUMMANDS} floats (4 MB kept
         * per thread at most), so a reduced loss allocates nothing; a new one beyond.
         */
        private static float[] summandsFor(int n) {
            if (n > CACHED_SUMMANDS) {
                return new float[n];
            }
            float[] a = SUMMANDS.get();
            if (a == null || a.length < n) {
                a = new float[Math.max(n, Chunks.CHUNK)];
                SUMMANDS.set(a);
            }
            return a;
        }

        void chunk(int chunk) {
            int start = chunk * Chunks.CHUNK;
            int end = Math.min(in.numElements(), start + Chunks.CHUNK);
            double sum = doubleLoss ? doubleChunk(start, end) : floatChunk(start, end);
            if (partialSums != null) {
                partialSums[chunk] = sum;
            }
        }

        /** Losses of elements [start, end) block by block; returns their weighted sum when reducing. */
        private double floatChunk(int start, int end) {
            FloatRows.Scratch scratch = FloatRows.Scratch.forClasses(classes);
            int[] labels = scratch.labels;
            float[] losses = scratch.losses;
            double sum = 0.0;
            for (int first = start; first < end; first += FloatRows.BLOCK) {
                int rows = Math.min(FloatRows.BLOCK, end - first);
                boolean[] ignored = scratch.skip;
                for (int r = 0; r < rows; r++) {
                    // Keras computes ignored elements with label 0 and then zeroes their loss and gradient.
                    ignored[r] = in.isIgnored(first + r);
                    labels[r] = in.label(first + r);
                }
                FloatRows.losses(kernel, floats, first, rows, labels, fromLogits, packetEnd, scratch, losses);
                if (withGradient) {
                    FloatRows.expBlock(kernel, first, rows, packetEnd, scratch);
                }
                for (int r = 0; r < rows; r++) {
                    int i = first + r;
                    if (withGradient) {
                        scratch.upstream[r] = ignored[r] ? 0f : (float) weights.upstream(i);
                    }
                    sum += accumulate(i, ignored[r] ? 0.0 : losses[r]);
                }
                if (withGradient) {
                    FloatRows.gradient(kernel, first, rows, fromLogits, scratch, gradF);
                }
            }
            return sum;
        }

        private double doubleChunk(int start, int end) {
            DoubleRows.Row row = new DoubleRows.Row(classes);
            double sum = 0.0;
            for (int i = start; i < end; i++) {
                int base = i * classes;
                double loss = 0.0; // Keras sets the loss of an ignored element to 0 and gives it no gradient
                if (!in.isIgnored(i)) {
                    int label = in.label(i);
                    loss = DoubleRows.loss(doubles, base, classes, label, fromLogits, row);
                    if (singleReduction) {
                        loss = (float) loss;
                    }
                    if (withGradient) {
                        DoubleRows.gradient(doubles, base, classes, label, fromLogits, weights.upstream(i), row,
                                gradD, base);
                    }
                }
                sum += accumulate(i, loss);
            }
            return sum;
        }

        /** Weighs element i's loss; stores it when not reducing, else returns it for the chunk's sum. */
        private double accumulate(int i, double loss) {
            double value = loss * weights.multiplier(i);
            if (singleReduction) {
                value = (float) value;
            }
            if (partialSums != null) {
                return value;
            }
            if (summands != null) {
                summands[i] = (float) value;
                return 0.0;
            }
            if (valuesF != null) {
                valuesF[i] = (float) value;
            } else {
                valuesD[i] = value;
            }
            return 0.0;
        }

        Tensor value() {
            DType out = in.precision().valueType();
            Shape shape = in.valueShape();
            if (!in.isReduced()) {
                if (valuesF != null && out == DType.FLOAT32) {
                    return Tensor.wrap(shape, FloatBuffer.wrap(valuesF));
                }
                if (valuesD != null) {
                    return Tensor.wrap(shape, DoubleBuffer.wrap(valuesD));
                }
                double[] widened = new double[valuesF.length]; // keras2-legacy: float32 values, float64 result
                for (int i = 0; i < widened.length; i++) {
                    widened[i] = valuesF[i];
                }
                return Tensor.wrap(shape, DoubleBuffer.wrap(widened));
            }
            double total = 0.0;
            if (summands != null) {
                total = PacketTreeSum.sum(summands, 0, in.numElements());
            } else {
                for (double s : partialSums) {
                    total += s;
                }
            }
            double v = weights.reduce(total);
            return out == DType.FLOAT32 ? Tensor.scalar((float) v) : Tensor.scalar(v);
        }

        Tensor gradient() {
            Shape shape = in.yPred().shape();
            boolean doubleOut = in.yPred().dtype() == DType.FLOAT64;
            if (gradD != null) {
                return Tensor.wrap(shape, DoubleBuffer.wrap(gradD));
            }
            if (!doubleOut) {
                return Tensor.wrap(shape, FloatBuffer.wrap(gradF));
            }
            double[] widened = new double[gradF.length]; // Keras 3 on float64 input: float32 gradient, widened
            for (int i = 0; i < widened.length; i++) {
                widened[i] = gradF[i];
            }
            return Tensor.wrap(shape, DoubleBuffer.wrap(widened));
        }
    }
}
