package io.clipwb.core.util;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads for a run's long work (decoding, inference, hashing, corruption generation) that give way
 * to the user interface when the workbench window is open.
 *
 * <p>Why: on a small machine a run keeps every core busy (a decode thread, libtorch's threads), and
 * the JavaFX thread and its render thread then wait for a core behind them: the window stutters
 * although its own work per frame is small. The desktop therefore calls {@link #yieldToUi()} once;
 * from then on every thread made here, and every thread that calls {@link #lowerCurrentThread()},
 * runs at a lower OS priority (Linux: {@value #NICE} nicer than the process, at most 19, for that thread only, which native
 * threads it starts, such as libtorch's OpenMP team, inherit; elsewhere {@link Thread#MIN_PRIORITY},
 * which Windows honours). When nothing else wants the CPU the work runs as fast as before. The CLI
 * never calls it: a command-line run keeps normal priority ({@code nice} it if wanted).
 * {@code -Dclipwb.backgroundPriority=false} turns it off in the desktop too.
 *
 * <p>A thread's priority is only ever lowered (raising it back needs privileges), so only threads
 * that do nothing but a run's work are lowered. Work the user waits for in the window (a report over
 * the finished pairs, drawing a chart) runs on {@link #daemon(String)} threads at normal priority.
 * On desktops that group each application's threads (cgroups per application, or the kernel's
 * autogroup), the lower priority weighs mostly against the window's own threads, not against other
 * programs.
 */
public final class BackgroundThreads {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);
  /** How much nicer than normal background threads are on Linux (weight 110 against 1024). */
  public static final int NICE = 10;
  private static volatile boolean yieldToUi;
  /** The nice value background threads get: the process's own (that of the thread that asked) plus {@link #NICE}. */
  private static volatile int targetNice = NICE;
  private static volatile LibC libc;
  private static volatile boolean libcFailed;

  private BackgroundThreads() {}

  /** Native {@code setpriority(2)}; loaded only on Linux, where it applies to the calling thread. */
  private interface LibC extends Library {
    int getpriority(int which, int who);

    int setpriority(int which, int who, int prio);
  }

  /**
   * From now on a run's threads run below the UI's priority (the desktop calls this at start, unless
   * {@code clipwb.backgroundPriority} is {@code false}).
   */
  public static void yieldToUi() {
    if ("false".equalsIgnoreCase(System.getProperty("clipwb.backgroundPriority"))) return;
    yieldToUi(true);
  }

  /** Tests switch it on and off without the system properties. */
  static void yieldToUi(boolean on) {
    LibC c = on ? linuxLibc() : null;
    if (c != null) {
      try {
        targetNice = Math.min(19, c.getpriority(0, 0) + NICE);
      } catch (RuntimeException | LinkageError e) {
        LOG.debug("cannot read this thread's priority: {}", e.toString());
      }
    }
    yieldToUi = on;
  }

  /** Whether {@link #yieldToUi()} is in effect. */
  public static boolean yieldingToUi() {
    return yieldToUi;
  }

  /**
   * Daemon threads named {@code name-1}, {@code name-2}, ... that lower their own priority when they
   * start (if {@link #yieldToUi()} is in effect).
   */
  public static ThreadFactory factory(String name) {
    return named(name, true);
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, ... at normal priority. */
  public static ThreadFactory daemon(String name) {
    return named(name, false);
  }

  private static ThreadFactory named(String name, boolean lower) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(() -> {
        if (lower) lowerCurrentThread();
        r.run();
      }, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Lowers the calling thread's OS priority if {@link #yieldToUi()} is in effect; does nothing
   * otherwise. Call it only on a thread that will do background work for the rest of its life.
   *
   * @return whether the priority was lowered
   */
  public static boolean lowerCurrentThread() {
    if (!yieldToUi) return false;
    Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
    LibC c = linuxLibc();
    if (c == null) return false;
    try {
      // PRIO_PROCESS with who = 0: on Linux the calling thread only (nice is per thread there).
      // getpriority returns the nice value itself (-1 is a valid one; it cannot fail for the caller).
      // A thread started by a background thread has inherited the target already: not lowered twice.
      int now = c.getpriority(0, 0);
      return now >= targetNice || c.setpriority(0, 0, targetNice) == 0;
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("cannot lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
      return false;
    }
  }

  private static LibC linuxLibc() {
    if (libc != null || libcFailed) return libc;
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      libcFailed = true;
      return null;
    }
    synchronized (BackgroundThreads.class) {
      if (libc == null && !libcFailed) {
        try {
          libc = Native.load("c", LibC.class);
        } catch (RuntimeException | LinkageError e) {
          libcFailed = true;
          LOG.debug("background threads keep their priority: {}", e.toString());
        }
      }
      return libc;
    }
  }
}
