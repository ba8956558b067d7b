package io.scce4j.cli;

import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.discovery.BackendSelector;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The values that shell completion ({@code scce4j generate-completion}) offers for options whose values are not
 * an enum: picocli iterates these when it writes the script, not when a command runs.
 */
final class Completions {
    private Completions() {
    }

    /** {@code --profile}: every profile's id. */
    static final class Profiles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> ids = new ArrayList<>();
            for (LossProfile p : LossProfile.values()) {
                ids.add(p.id());
            }
            return ids.iterator();
        }
    }

    /** {@code --reduction}: Keras's names of the reductions (which profile accepts which is checked on use). */
    static final class Reductions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (Reduction r : Reduction.values()) {
                names.add(r.kerasName());
            }
            return names.iterator();
        }
    }

    /**
     * {@code --backend}, {@code --backends}: the ids of the backends available where the script is generated.
     * Guice creates it with the command's selector; the class path is only searched when the script is written.
     */
    static final class BackendIds implements Iterable<String> {
        private final BackendSelector selector;

        @Inject
        BackendIds(BackendSelector selector) {
            this.selector = selector;
        }

        @Override
        public Iterator<String> iterator() {
            return selector.availableIds().iterator();
        }
    }

    /** {@code --palette}: the built-in palette (a file name is the other choice). */
    static final class Palettes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("voc").iterator();
        }
    }
}
