package io.scce4j.discovery;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.spi.Availability;
import io.scce4j.spi.BackendProvider;
import java.util.Set;

/** A provider whose backend computes nothing: selection tests need ids, priorities and availability only. */
class FakeProvider implements BackendProvider {
    private final String id;
    private final int priority;
    private final Availability availability;
    /** What the last {@link #create} was given. */
    volatile BackendSettings created;

    FakeProvider(String id, int priority, Availability availability) {
        this.id = id;
        this.priority = priority;
        this.availability = availability;
    }

    FakeProvider(String id, int priority) {
        this(id, priority, Availability.available());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public String version() {
        return "9.9";
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Backend create(BackendSettings settings) {
        created = settings;
        return new Backend() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String version() {
                return "9.9";
            }

            @Override
            public String device() {
                return "nowhere";
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public SparseCategoricalCrossentropy loss(LossOptions options) {
                throw new UnsupportedOperationException("fake");
            }

            @Override
            public MaskPredictor predictor() {
                throw new UnsupportedOperationException("fake");
            }
        };
    }
}
