package io.scce4j.cli;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.Backends;
import io.scce4j.spi.BackendProvider;
import java.util.Set;

/** A deliberately wrong backend for comparison tests: the cpu backend's loss times (1 + 1e-3). */
final class SkewedBackendProvider implements BackendProvider {
    @Override
    public String id() {
        return "skewed";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public Backend create(BackendSettings settings) {
        Backend cpu = Backends.load("cpu");
        return new Backend() {
            @Override
            public String id() {
                return "skewed";
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public String device() {
                return cpu.device();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public SparseCategoricalCrossentropy loss(LossOptions options) {
                SparseCategoricalCrossentropy real = cpu.loss(options);
                return new SparseCategoricalCrossentropy() {
                    @Override
                    public LossOptions options() {
                        return options;
                    }

                    @Override
                    public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                        Tensor v = real.compute(yTrue, yPred, sampleWeight);
                        double[] d = v.toDoubleArray();
                        for (int i = 0; i < d.length; i++) {
                            d[i] *= 1.001;
                        }
                        return Tensor.ofDoubles(v.shape(), d);
                    }

                    @Override
                    public LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                        throw new UnsupportedOperationException("backend 'skewed' computes no gradient");
                    }
                };
            }

            @Override
            public MaskPredictor predictor() {
                return cpu.predictor();
            }

            @Override
            public void close() {
                cpu.close();
            }
        };
    }
}
