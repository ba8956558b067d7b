package io.scce4j.benchmarks;

import io.scce4j.api.Backend;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.Backends;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loss, loss with gradient, and predicted mask on a seeded 8 x 96 x 128 x 23 float32 batch (the forum's U-Net
 * output), per backend. Run {@code java -jar benchmarks/target/benchmarks.jar -p backend=cpu -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class LossBenchmark {
    @Param({"cpu", "tf", "nd4j"})
    public String backend;

    @Param({"8x96x128x23"})
    public String shape;

    private Backend opened;
    private SparseCategoricalCrossentropy loss;
    private SparseCategoricalCrossentropy lossFromLogits;
    private MaskPredictor predictor;
    private Tensor yTrue;
    private Tensor probabilities;
    private Tensor logits;

    @Setup(Level.Trial)
    public void setUp() {
        long[] dims = java.util.Arrays.stream(shape.split("x")).mapToLong(Long::parseLong).toArray();
        Shape predShape = Shape.of(dims);
        int classes = (int) dims[dims.length - 1];
        int pixels = predShape.size() / classes;
        SplittableRandom random = new SplittableRandom(7);
        int[] labels = new int[pixels];
        float[] z = new float[predShape.size()];
        float[] p = new float[predShape.size()];
        for (int i = 0; i < pixels; i++) {
            labels[i] = random.nextInt(classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[i * classes + c] = (float) (random.nextGaussian() * 3);
                sum += Math.exp(z[i * classes + c]);
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = (float) (Math.exp(z[i * classes + c]) / sum);
            }
        }
        yTrue = Tensor.ofInts(predShape.withoutLast(), labels);
        probabilities = Tensor.ofFloats(predShape, p);
        logits = Tensor.ofFloats(predShape, z);
        opened = Backends.load(backend);
        loss = opened.loss(LossOptions.defaults());
        lossFromLogits = opened.loss(LossOptions.builder().fromLogits(true).build());
        predictor = opened.predictor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opened.close();
    }

    @Benchmark
    public Tensor loss() {
        return loss.compute(yTrue, probabilities);
    }

    @Benchmark
    public Tensor lossFromLogits() {
        return lossFromLogits.compute(yTrue, logits);
    }

    @Benchmark
    public LossWithGradient lossAndGradient() {
        return loss.computeWithGradient(yTrue, probabilities);
    }

    @Benchmark
    public Tensor predict() {
        return predictor.predict(logits);
    }
}
