package io.scce4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CloseGuardTest {

    @Test
    void callsRunUntilCloseAndFailClearlyAfter() {
        CloseGuard guard = new CloseGuard("acme");
        assertEquals(3, guard.call(() -> 3));
        AtomicInteger releases = new AtomicInteger();
        guard.close(releases::incrementAndGet);
        guard.close(releases::incrementAndGet);
        assertEquals(1, releases.get(), "released once");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard.call(() -> 3));
        assertEquals("backend 'acme' is closed; create a new one", e.getMessage());
    }

    @Test
    void closeWaitsForARunningCallBeforeReleasing() throws Exception {
        CloseGuard guard = new CloseGuard("acme");
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicReference<String> order = new AtomicReference<>("");
        Thread caller = new Thread(() -> guard.call(() -> {
            inCall.countDown();
            await(mayFinish);
            order.updateAndGet(s -> s + "call finished;");
            return null;
        }));
        caller.start();
        assertTrue(inCall.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(() -> guard.close(() -> order.updateAndGet(s -> s + "released;")));
        closer.start();
        closer.join(200); // close() must still be waiting for the call
        assertEquals("", order.get());
        mayFinish.countDown();
        caller.join(10_000);
        closer.join(10_000);
        assertEquals("call finished;released;", order.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
