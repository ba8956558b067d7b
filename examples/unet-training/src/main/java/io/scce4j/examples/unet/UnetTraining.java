package io.scce4j.examples.unet;

import io.scce4j.api.LossOptions;
import io.scce4j.train.tf.GraphLoss;
import io.scce4j.train.tf.KerasGraphLoss;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A small U-Net (convolution, max-pool down, convolution, nearest up-sampling, skip concatenation, convolution, 1 x 1
 * convolution to the classes, softmax) trained for five SGD steps in TensorFlow Java with Keras's loss, on generated
 * images of discs and squares. Each step's loss is printed beside the one Keras 3's {@code model.fit} logged for the
 * same weights and data ({@code keras-reference.txt}, written by the Keras oracle).
 *
 * <pre>
 * mvn -B install -DskipTests                                       # once, at the repository root
 * mvn -B -q -f examples/unet-training/pom.xml compile exec:exec
 * </pre>
 *
 * <p>The model is built from the ops Keras's layers run (Conv2D with BiasAdd, MaxPool, Keras 3's
 * {@code UpSampling2D} as {@code tf.repeat}: ExpandDims, Tile, Reshape per axis; ConcatV2), so that its numbers are
 * Keras's. The loss is {@link KerasGraphLoss}: it sees the softmax and reads its logits, as Keras does.
 */
public final class UnetTraining {
    private static final List<Long> STRIDES = List.of(1L, 1L, 1L, 1L);
    private static final float LEARNING_RATE = 0.1f;
    private static final int STEPS = 5;

    private UnetTraining() {
    }

    /** Trains, prints, and exits with 1 when a step's loss is not Keras's. */
    public static void main(String[] args) throws IOException {
        Reference keras = Reference.read();
        int[] labels = new int[SyntheticShapes.IMAGES * SyntheticShapes.SIZE * SyntheticShapes.SIZE];
        float[] images = SyntheticShapes.images(labels);
        keras.checkBatch(images, labels);
        List<Float> losses = train(images, labels);
        System.out.println("step   TensorFlow Java   Keras 3 (model.fit)   difference");
        boolean same = true;
        for (int i = 0; i < losses.size(); i++) {
            float java = losses.get(i);
            float k = keras.losses.get(i);
            long ulps = Math.abs((long) Float.floatToIntBits(java) - Float.floatToIntBits(k));
            same &= ulps == 0;
            System.out.printf(Locale.ROOT, "%4d   %15.9f   %19.9f   %s%n", i + 1, java, k,
                    ulps == 0 ? "the same bits" : ulps + " ulp");
        }
        System.out.println(same ? "Every step's loss is Keras's, to the bit." : "Some losses differ from Keras's.");
        if (!same) {
            System.exit(1);
        }
    }

    /** The U-Net from the generated initial weights, {@link #STEPS} steps of SGD on the batch; each step's loss. */
    static List<Float> train(float[] images, int[] labels) {
        int n = SyntheticShapes.IMAGES;
        int s = SyntheticShapes.SIZE;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(n, s, s, SyntheticShapes.CHANNELS)));
            Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(n, s, s)));
            Weights w = new Weights(tf);
            Operand<TFloat32> down = conv(tf, x, w.next(3, 3, SyntheticShapes.CHANNELS, 8, "down"), "SAME", true);
            Operand<TFloat32> pooled = maxPool(g, tf, down);
            Operand<TFloat32> bottom = conv(tf, pooled, w.next(3, 3, 8, 16, "bottom"), "SAME", true);
            Operand<TFloat32> up = repeat(tf, repeat(tf, bottom, 1), 2);
            Operand<TFloat32> skip = tf.concat(List.of(up, down), tf.constant(-1));
            Operand<TFloat32> merge = conv(tf, skip, w.next(3, 3, 24, 8, "merge"), "SAME", true);
            Operand<TFloat32> logits = conv(tf, merge, w.next(1, 1, 8, SyntheticShapes.CLASSES, "classes"), "VALID",
                    false);
            Operand<TFloat32> probabilities = tf.nn.softmax(logits);

            GraphLoss<TFloat32> loss = KerasGraphLoss.sparseCategoricalCrossentropy(tf, y, probabilities,
                    LossOptions.defaults());
            Op step = new GradientDescent(g, LEARNING_RATE).minimize(loss.value());

            // One intra-op thread, as the oracle ran Keras: TensorFlow splits sums by thread count.
            ConfigProto oneThread = ConfigProto.newBuilder().setIntraOpParallelismThreads(1)
                    .setInterOpParallelismThreads(1).build();
            try (Session session = new Session(g, oneThread);
                    TFloat32 xs = TFloat32.tensorOf(x.shape(), DataBuffers.of(images, true, false));
                    TInt32 ys = TInt32.tensorOf(y.shape(), DataBuffers.of(labels, true, false))) {
                session.initialize();
                List<Float> losses = new ArrayList<>();
                for (int i = 0; i < STEPS; i++) {
                    try (Result r = session.runner().feed(x, xs).feed(y, ys).addTarget(step).fetch(loss.value())
                            .run()) {
                        losses.add(((TFloat32) r.get(0)).getFloat());
                    }
                }
                return losses;
            }
        }
    }

    /**
     * Keras's MaxPooling2D(2): the MaxPool op Keras runs, its window as attributes (TensorFlow Java's
     * {@code tf.nn.maxPool} builds MaxPoolV2, which takes the window as tensors).
     */
    private static Operand<TFloat32> maxPool(Graph g, Ops tf, Operand<TFloat32> in) {
        return g.opBuilder("MaxPool", "pool", tf.scope()).addInput(in.asOutput())
                .setAttr("ksize", new long[] {1, 2, 2, 1}).setAttr("strides", new long[] {1, 2, 2, 1})
                .setAttr("padding", "VALID").build().<TFloat32>output(0);
    }

    /** Keras's Conv2D: Conv2D, BiasAdd, and relu or nothing. */
    private static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> in, Operand<TFloat32>[] kernelAndBias,
            String padding, boolean relu) {
        Operand<TFloat32> z = tf.nn.biasAdd(tf.nn.conv2d(in, kernelAndBias[0], STRIDES, padding), kernelAndBias[1]);
        return relu ? tf.nn.relu(z) : z;
    }

    /** Keras 3's UpSampling2D along one axis: tf.repeat(x, 2, axis), which is ExpandDims, Tile and Reshape. */
    private static Operand<TFloat32> repeat(Ops tf, Operand<TFloat32> in, int axis) {
        long[] shape = in.shape().asArray();
        int[] multiples = {1, 1, 1, 1, 1};
        multiples[axis + 1] = 2;
        Operand<TFloat32> tiled = tf.tile(tf.expandDims(in, tf.constant(axis + 1)), tf.constant(multiples));
        shape[axis] *= 2;
        return tf.reshape(tiled, tf.constant(shape));
    }

    /** The model's variables, in Keras's order (kernel, bias per layer), from the generated initial weights. */
    private static final class Weights {
        private static final int BIAS_SHIFT = 10;
        private final Ops tf;
        private int index;

        Weights(Ops tf) {
            this.tf = tf;
        }

        @SuppressWarnings("unchecked")
        Operand<TFloat32>[] next(int kh, int kw, int in, int out, String layer) {
            int shift = switch (layer) {
                case "down" -> 8;
                case "bottom" -> 9;
                case "merge" -> 10;
                default -> 7;
            };
            Variable<TFloat32> kernel = variable(SyntheticShapes.weight(index++, kh * kw * in * out, shift),
                    Shape.of(kh, kw, in, out), layer + "_kernel");
            Variable<TFloat32> bias = variable(SyntheticShapes.weight(index++, out, BIAS_SHIFT), Shape.of(out),
                    layer + "_bias");
            return new Operand[] {kernel, bias};
        }

        private Variable<TFloat32> variable(float[] values, Shape shape, String name) {
            try (TFloat32 init = TFloat32.tensorOf(shape, DataBuffers.of(values, true, false))) {
                return tf.withName(name).variable(tf.constant(init));
            }
        }
    }

    /** keras-reference.txt: the checks of the generated batch and Keras's step losses. */
    private record Reference(double imageSum, long labelSum, List<Float> losses) {
        static Reference read() throws IOException {
            InputStream in = UnetTraining.class.getResourceAsStream("keras-reference.txt");
            if (in == null) {
                throw new IOException("keras-reference.txt is missing from the class path");
            }
            double images = Double.NaN;
            long labels = -1;
            List<Float> losses = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String[] f = line.split(" ");
                    switch (f[0]) {
                        case "images" -> images = Double.parseDouble(f[1]);
                        case "labels" -> labels = Long.parseLong(f[1]);
                        case "loss" -> losses.add(Float.intBitsToFloat(Integer.parseUnsignedInt(f[3].substring(2), 16)));
                        default -> { } // comments
                    }
                }
            }
            return new Reference(images, labels, losses);
        }

        void checkBatch(float[] images, int[] labels) {
            double sum = 0;
            for (float v : images) {
                sum += v;
            }
            long count = 0;
            for (int v : labels) {
                count += v;
            }
            if (sum != imageSum || count != labelSum) {
                throw new IllegalStateException("the generated batch is not the oracle's (image sum " + sum + " vs "
                        + imageSum + ", label sum " + count + " vs " + labelSum + "): the formulas in "
                        + "SyntheticShapes and cases.py unet_batch have drifted apart");
            }
        }
    }
}
