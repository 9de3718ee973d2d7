package io.clipwb.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OS priority of background threads, read back from {@code /proc} (Linux). */
class BackgroundThreadsTest {
  @AfterEach
  void off() {
    BackgroundThreads.yieldToUi(false);
  }

  /** The calling thread's nice value, field 19 of {@code /proc/thread-self/stat}. */
  private static int niceOfThisThread() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(f[16]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {nice of the factory's thread, nice of a plain thread it starts, its Java priority, nice of a
   * background thread it starts}.
   */
  private static int[] fromFactory() throws Exception {
    CompletableFuture<int[]> seen = new CompletableFuture<>();
    BackgroundThreads.factory("test-bg").newThread(() -> {
      int own = niceOfThisThread();
      int[] child = new int[2];
      Thread c = new Thread(() -> child[0] = niceOfThisThread());
      Thread b = BackgroundThreads.factory("test-bg-inner").newThread(() -> child[1] = niceOfThisThread());
      c.start();
      b.start();
      try {
        c.join();
        b.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.complete(new int[] {own, child[0], Thread.currentThread().getPriority(), child[1]});
    }).start();
    return seen.get(10, TimeUnit.SECONDS);
  }

  @Test
  void lowersOnlyWhenTheDesktopAsksAndChildThreadsInheritIt() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
    int base = niceOfThisThread();
    int[] normal = fromFactory();
    assertEquals(base, normal[0], "without yieldToUi a background thread keeps the caller's nice value");
    assertEquals(Thread.NORM_PRIORITY, normal[2]);

    BackgroundThreads.yieldToUi(true);
    int[] low = fromFactory();
    int expected = Math.min(19, base + BackgroundThreads.NICE);
    assertEquals(expected, low[0], "background thread nice value");
    assertEquals(expected, low[1], "a thread it starts (as libtorch's OpenMP team would) inherits the nice value");
    assertEquals(Thread.MIN_PRIORITY, low[2]);
    assertEquals(expected, low[3], "a background thread started by a background thread is not lowered twice");
    assertEquals(base, niceOfThisThread(), "the calling thread is left alone");

    CompletableFuture<Integer> daemon = new CompletableFuture<>();
    BackgroundThreads.daemon("test-ui-work").newThread(() -> daemon.complete(niceOfThisThread())).start();
    assertEquals(base, daemon.get(10, TimeUnit.SECONDS), "work the user waits for keeps normal priority");
  }
}
