package io.scce4j.cli;

import io.scce4j.api.DType;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.api.Ulps;

/** The largest difference between two tensors of one shape, in absolute terms and in units in the last place. */
record Deviation(double maxAbs, long maxUlps, boolean withinTolerance) {
    static final Deviation NONE = new Deviation(0, 0, true);

    /** Compares {@code a} with the reference {@code b}; NaN matches NaN, a shape or dtype difference fails. */
    static Deviation between(Tensor a, Tensor b, Tolerance tolerance) {
        if (!a.shape().equals(b.shape())) {
            return new Deviation(Double.POSITIVE_INFINITY, Long.MAX_VALUE, false);
        }
        boolean single = a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32;
        double maxAbs = 0;
        long maxUlps = 0;
        boolean ok = true;
        for (int i = 0; i < a.size(); i++) {
            double x = a.getDouble(i);
            double y = b.getDouble(i);
            if (Double.isNaN(x) && Double.isNaN(y) || x == y) {
                continue;
            }
            double d = Math.abs(x - y);
            maxAbs = Math.max(maxAbs, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
            maxUlps = Math.max(maxUlps, Ulps.between(x, y, single));
            ok &= tolerance.allows(x, y);
        }
        return new Deviation(maxAbs, maxUlps, ok);
    }

    Deviation max(Deviation o) {
        return new Deviation(Math.max(maxAbs, o.maxAbs), Math.max(maxUlps, o.maxUlps),
                withinTolerance && o.withinTolerance);
    }

    String ulpsText() {
        return Ulps.text(maxUlps);
    }
}
