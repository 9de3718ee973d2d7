package io.clipwb.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  @Test
  void keepsAtMostCapacityAndEvictsTheLeastRecentlyUsed() {
    BoundedCache<Integer, String> c = new BoundedCache<>(2);
    AtomicInteger loads = new AtomicInteger();
    c.computeIfAbsent(1, k -> "v" + k + "#" + loads.incrementAndGet());
    c.computeIfAbsent(2, k -> "v" + k + "#" + loads.incrementAndGet());
    assertEquals("v1#1", c.computeIfAbsent(1, k -> "reloaded")); // 1 is now the most recent
    c.computeIfAbsent(3, k -> "v" + k + "#" + loads.incrementAndGet()); // evicts 2
    assertEquals(2, c.size());
    assertEquals("v1#1", c.computeIfAbsent(1, k -> "reloaded"));
    assertEquals("again", c.computeIfAbsent(2, k -> "again"));
    assertEquals(3, loads.get());
  }

  @Test
  void sameInstanceForAHit() {
    BoundedCache<String, Object> c = new BoundedCache<>(4);
    Object a = c.computeIfAbsent("k", k -> new Object());
    assertSame(a, c.computeIfAbsent("k", k -> new Object()));
  }

  @Test
  void checkedLoaderFailurePropagatesAndStoresNothing() {
    BoundedCache<String, String> c = new BoundedCache<>(4);
    assertThrows(java.io.IOException.class, () -> c.get("k", k -> {
      throw new java.io.IOException("boom");
    }));
    assertEquals(0, c.size());
    assertThrows(IllegalArgumentException.class, () -> new BoundedCache<>(0));
  }

  @Test
  void cancellationIgnoresInterruption() {
    Cancellation c = new Cancellation();
    Thread.currentThread().interrupt();
    try {
      assertEquals(false, c.isCancelled(), "an interrupted thread is not a cancellation");
      c.check();
    } finally {
      Thread.interrupted();
    }
    c.cancel();
    assertEquals(true, c.isCancelled());
  }
}
