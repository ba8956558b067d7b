package io.scce4j.api;

/**
 * Keras's {@code ignore_class}: a label value whose elements are left out of the loss (commonly -1 or 255, the
 * "void" class of segmentation maps). Any int is allowed, also negative or at least the number of classes.
 *
 * <pre>{@code
 * IgnoreClass.of(255);   // elements labelled 255 count neither in the sum nor in the mean's divisor
 * IgnoreClass.none();    // every element counts (the default)
 * }</pre>
 */
public final class IgnoreClass {
    private static final IgnoreClass NONE = new IgnoreClass(false, 0);

    private final boolean set;
    private final long label;

    private IgnoreClass(boolean set, long label) {
        this.set = set;
        this.label = label;
    }

    /** No class is ignored. */
    public static IgnoreClass none() {
        return NONE;
    }

    /** Elements whose label equals {@code label} are ignored. */
    public static IgnoreClass of(long label) {
        return new IgnoreClass(true, label);
    }

    /** Whether a class is ignored at all. */
    public boolean isSet() {
        return set;
    }

    /** The ignored label; only meaningful when {@link #isSet()}. */
    public long label() {
        if (!set) {
            throw new IllegalStateException("no class is ignored");
        }
        return label;
    }

    /** Whether an element with this label is ignored. */
    public boolean ignores(long value) {
        return set && value == label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IgnoreClass && ((IgnoreClass) o).set == set && ((IgnoreClass) o).label == label;
    }

    @Override
    public int hashCode() {
        return set ? Long.hashCode(label) : -1;
    }

    /** {@code "none"} or the label. */
    @Override
    public String toString() {
        return set ? Long.toString(label) : "none";
    }
}
