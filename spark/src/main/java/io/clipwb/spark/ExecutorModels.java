package io.clipwb.spark;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.FileDigests;
import io.clipwb.djl.DjlClipModel;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one model an executor JVM holds. DJL's own Spark extension loads the model once per partition
 * (deepjavalibrary/djl#3079: 13 s per partition for a large model) and never closes it; here the
 * first task of a JVM loads it, later tasks (and concurrent ones: a {@code ZooModel} may be shared,
 * each task opens its own predictor) reuse it, and it is closed when a task of the next model (the
 * driver runs one job per model) asks for another fingerprint and no task uses it any more. Loading
 * re-hashes the bundle on the executor and refuses one whose fingerprint is not the plan's.
 */
final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

  private static ClipModel current;
  private static String currentFingerprint;
  private static int users;

  private ExecutorModels() {}

  /**
   * The model of {@code fingerprint}, loaded from {@code bundleDir} unless this JVM holds it; call
   * {@link #release()} once per acquire (at task end).
   *
   * @param threads libtorch's intra-op threads when this JVM starts the engine ({@code spark.task.cpus})
   * @throws IllegalStateException when the bundle's fingerprint is not {@code fingerprint}
   */
  static synchronized ClipModel acquire(String fingerprint, Path bundleDir, int threads) throws InterruptedException {
    while (currentFingerprint != null && !currentFingerprint.equals(fingerprint) && users > 0) {
      ExecutorModels.class.wait();
    }
    if (currentFingerprint == null || !currentFingerprint.equals(fingerprint)) {
      if (current != null) {
        LOG.info("closing model {} for {}", currentFingerprint, fingerprint);
        current.close();
        current = null;
        currentFingerprint = null;
      }
      configureEngine(threads);
      long t0 = System.nanoTime();
      Bundle b = BundleLoader.load(bundleDir, FileDigests.inMemory());
      if (!b.fingerprint().equals(fingerprint)) {
        throw new IllegalStateException("bundle " + bundleDir + " has fingerprint " + b.fingerprint() + " on this executor, the plan says "
            + fingerprint + ": the executors see another bundle than the desktop planned with");
      }
      current = DjlClipModel.load(b);
      currentFingerprint = fingerprint;
      LOG.info("loaded {} ({}) in {} ms", b.name(), fingerprint.substring(0, Math.min(16, fingerprint.length())),
          (System.nanoTime() - t0) / 1_000_000);
    }
    users++;
    return current;
  }

  static synchronized void release() {
    users--;
    ExecutorModels.class.notifyAll();
  }

  /**
   * DJL offline (libtorch from the {@code pytorch-native-cpu} jar, never a download on an executor)
   * and libtorch's threads = the task's cores, so {@code spark.executor.cores / spark.task.cpus}
   * concurrent tasks do not oversubscribe the machine. Read by DJL when its engine starts (once per
   * JVM); a value the user set (e.g. {@code spark.executor.extraJavaOptions}) wins.
   */
  private static void configureEngine(int threads) {
    DjlClipModel.configureOffline();
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }
}
