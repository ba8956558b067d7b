package io.scce4j.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code other:}, standing in for {@code hdfs:} or {@code s3a:}: any scheme but
 * {@code file:} makes the job read files through Hadoop as bytes.
 */
public final class OtherSchemeFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "other";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
