package io.scce4j.spark;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.discovery.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends of this JVM (an executor's, or the driver's in local mode): each is chosen and opened once, by
 * {@link BackendSelector}'s rules on this JVM's class path, properties and environment, at its first use, and
 * shared by every task that asks for it (losses and predictors are thread-safe). {@link Scce4jSparkPlugin} closes
 * them when the executor stops; a JVM shutdown hook closes whatever is still open when the JVM exits without it.
 */
final class ExecutorBackends {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackends.class);
    private static final Map<String, Backend> OPEN = new ConcurrentHashMap<>();
    private static final AtomicBoolean HOOK = new AtomicBoolean();

    private ExecutorBackends() {
    }

    /**
     * The backend for {@code id} (null: the selection rules) and {@code threads} (null: {@code spark.task.cpus},
     * unless the backend's property or variable sets them).
     */
    static Backend get(String id, Integer threads) {
        String key = id + "/" + threads;
        Backend b = OPEN.get(key); // lock-free: SQL functions ask once per row, from every task thread
        return b != null ? b : open(key, id, threads);
    }

    private static synchronized Backend open(String key, String id, Integer threads) {
        Backend b = OPEN.get(key);
        if (b == null) {
            b = open(id, threads);
            OPEN.put(key, b);
            if (HOOK.compareAndSet(false, true)) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorBackends::closeAll, "scce4j-backends"));
            }
        }
        return b;
    }

    private static Backend open(String id, Integer threads) {
        BackendSelector selector = BackendSelector.fromEnvironment();
        Selection s = selector.select(id);
        String chosen = s.backend().id();
        BackendSettings settings = BackendSettings.defaults();
        if (threads != null) {
            settings = settings.withThreads(threads);
        } else if (!threadsSetFor(chosen)) {
            settings = settings.withThreads(taskCpus()); // Spark runs one task per core already
        }
        Backend b = selector.create(s, settings);
        LOG.info("scce4j: opened backend {} {} ({}), chosen by {}", b.id(), b.version(), b.device(),
                s.source().description());
        return b;
    }

    private static boolean threadsSetFor(String id) {
        String property = System.getProperty("scce4j." + id + ".threads");
        String variable = System.getenv(("SCCE4J_" + id + "_THREADS").toUpperCase(Locale.ROOT).replace('-', '_'));
        return property != null && !property.isBlank() || variable != null && !variable.isBlank();
    }

    private static int taskCpus() {
        SparkEnv env = SparkEnv.get();
        return env == null ? 1 : Math.max(1, env.conf().getInt("spark.task.cpus", 1));
    }

    /** Closes every open backend; the next {@link #get} opens a new one. */
    static void closeAll() {
        List<Backend> open;
        synchronized (ExecutorBackends.class) {
            open = new ArrayList<>(OPEN.values());
            OPEN.clear();
        }
        for (Backend b : open) {
            try {
                b.close();
                LOG.info("scce4j: closed backend {}", b.id());
            } catch (RuntimeException e) {
                LOG.warn("scce4j: closing backend {} failed", b.id(), e);
            }
        }
    }
}
