package io.scce4j.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets a session that uses {@code spark.serializer=org.apache.spark.serializer.KryoSerializer} carry the
 * evaluation's tasks and results: Kryo 4, which Spark ships, cannot serialize Java records ("can't get field
 * offset on a record class"), so these travel by Java serialization inside Kryo. {@link EvalJob} adds it to
 * {@code spark.kryo.registrator} when Kryo is on; other programs add it themselves.
 * <pre>{@code
 * --conf spark.serializer=org.apache.spark.serializer.KryoSerializer
 * --conf spark.kryo.registrator=io.scce4j.spark.Scce4jKryoRegistrator
 * }</pre>
 */
public final class Scce4jKryoRegistrator implements KryoRegistrator {
    /** The registrator; Spark creates it from {@code spark.kryo.registrator}. */
    public Scce4jKryoRegistrator() {
    }

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : new Class<?>[] {FileImage.class, PartitionResult.class, ImageProblem.class,
            EvalSettings.class, SkippedImage.class, SparkJobStats.class}) {
            kryo.register(c, new JavaSerializer());
        }
    }
}
