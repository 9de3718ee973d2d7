package io.clipwb.djl;

import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Raw forward throughput of a TorchScript image tower through DJL (no decoding): a benchmark, not a
 * test. Usage (after {@code tools/export_bundle.py --random-vit-b32 /tmp/vitb32_image.pt}):
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.clipwb.djl.ForwardBench \
 *     /tmp/vitb32_image.pt [batch=32] [batches=8] [size=224]
 * </pre>
 *
 * Prints one line {@code forward_img_s=<x>} (after two warm-up batches: the TorchScript profiling
 * executor optimises the graph on its first calls).
 */
public final class ForwardBench {
  private ForwardBench() {}

  /** CPU time of the whole process (all native libtorch threads included), or -1. */
  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int batches = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int size = args.length > 3 ? Integer.parseInt(args[3]) : 224;
    float[] px = new float[batch * 3 * size * size];
    Random r = new Random(0);
    for (int i = 0; i < px.length; i++) px[i] = (float) r.nextGaussian();
    ImageBatch b = new ImageBatch(batch, size, size, px);
    try (DjlClipModel.ImageTower tower = DjlClipModel.loadImageTower(file, false);
        ImageEncoder enc = tower.newEncoder()) {
      for (int i = 0; i < 2; i++) enc.encode(b);
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      for (int i = 0; i < batches; i++) enc.encode(b);
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (cpuNanos() - c0) / 1e9;
      int cores = Runtime.getRuntime().availableProcessors();
      // on a shared machine the wall-clock figure depends on the other load; images per CPU-second
      // times the core count estimates what an otherwise idle machine would give
      System.out.printf(Locale.ROOT,
          "forward_img_s=%.2f (batch %d x %d batches in %.1f s on %s; %.1f CPU-s used of %d cores -> %.2f img/s if the cores were ours)%n",
          batch * batches / s, batch, batches, s, tower.device(), cpu, cores, cpu > 0 ? batch * batches / cpu * cores : Double.NaN);
    }
  }
}
