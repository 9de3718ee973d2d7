package io.clipwb.bench;

import io.clipwb.core.cache.EmbeddingCache;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Benchmark (not a test) of the embedding cache at ImageNet-train scale: a synthetic cache of
 * {@code n} rows × {@code d} floats (default 1.3M × 512, 2.66 GB) written as shards of
 * {@code shardRows} rows the way a cluster task writes them (.npy, then its .json index), then opened
 * by {@link EmbeddingCache} in a fresh JVM: open time, heap in use after a full GC, and the time of a
 * random {@code get}; {@code compact} also merges the shards (capped at 1 GiB each).
 *
 * <p>Uses only the cache's public API and writes its shards with its own writer, so the same class
 * measures an older build of the cache (put its jar first on the class path).
 *
 * <p>{@code hash DIR [threads]}: content hashing of every image under DIR with a fresh digest index
 * (MB/s, files/s), then the warm lookup of the same files (a {@code stat} each).
 *
 * <p>{@code import DIR CACHE}: treats the shards {@code write} made in DIR as a finished cluster sweep
 * (writes the per-model {@code _SUCCESS} marker listing them) and imports it into the empty cache
 * CACHE with {@code clipwb cache import}'s code ({@link io.clipwb.core.sweep.SweepImport}): time and
 * peak heap.
 *
 * <p>Run: {@code java -Xmx1g -cp target/classes:target/test-classes:$(cat cp.txt) io.clipwb.bench.CacheScaleBench
 * write|load|compact|hash|import DIR [n=1300000 | CACHE] [d=512] [shardRows=50000]}
 */
public final class CacheScaleBench {
  private static final String FP = "benchfingerprint0000";

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path root = Path.of(args[1]);
    int n = args.length > 2 && !"import".equals(args[0]) ? Integer.parseInt(args[2]) : 1_300_000;
    int d = args.length > 3 ? Integer.parseInt(args[3]) : 512;
    int shardRows = args.length > 4 ? Integer.parseInt(args[4]) : 50_000;
    switch (mode) {
      case "write" -> write(root, n, d, shardRows);
      case "load" -> load(root, n, d, false);
      case "compact" -> load(root, n, d, true);
      case "hash" -> hash(root, args.length > 2 ? Integer.parseInt(args[2]) : 1);
      case "import" -> importSweep(root, Path.of(args[2]), d);
      default -> throw new IllegalArgumentException("mode: write, load, compact, hash or import");
    }
  }

  static String key(int i) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("image-" + i).getBytes(StandardCharsets.UTF_8)));
  }

  static float value(int i, int j) {
    return ((i * 31 + j * 7) % 1000) / 1000f;
  }

  private static void write(Path root, int n, int d, int shardRows) throws Exception {
    Path dir = root.resolve(FP.substring(0, 16)).resolve("images");
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    int shards = 0;
    for (int start = 0; start < n; start += shardRows) {
      int rows = Math.min(shardRows, n - start);
      String stem = String.format(Locale.ROOT, "shard-bench-%05d", shards++);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(stem + ".npy")), 1 << 20), md)) {
        out.write(header(rows, d));
        ByteBuffer b = ByteBuffer.allocate(4 * d).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = start; i < start + rows; i++) {
          b.clear();
          for (int j = 0; j < d; j++) b.putFloat(value(i, j));
          out.write(b.array());
        }
      }
      StringBuilder json = new StringBuilder("{\"version\": 1, \"sha256\": \"").append(HexFormat.of().formatHex(md.digest())).append("\", \"keys\": [");
      for (int i = start; i < start + rows; i++) json.append(i > start ? ", \"" : "\"").append(key(i)).append('"');
      Files.writeString(dir.resolve(stem + ".json"), json.append("]}").toString());
    }
    System.out.printf(Locale.ROOT, "write: %d rows x %d in %d shards, %.1f s%n", n, d, shards, (System.nanoTime() - t0) / 1e9);
  }

  /** The .npy v1.0 header of a float32 rows x d matrix (as NumPy writes it). */
  private static byte[] header(int rows, int d) {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + d + "), }";
    int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
    String h = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1));
    return b.array();
  }

  private static void load(Path root, int n, int d, boolean compact) throws Exception {
    long t0 = System.nanoTime();
    EmbeddingCache c = EmbeddingCache.open(root, FP, "images", d);
    double open = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "open: %d rows, %d corrupt shards, %.1f s%n", c.size(), c.corruptShards(), open);
    report("after open", c);
    SplittableRandom r = new SplittableRandom(0);
    String[] keys = new String[100_000];
    int[] idx = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      idx[i] = r.nextInt(n);
      keys[i] = key(idx[i]);
    }
    long t1 = System.nanoTime();
    double sink = 0;
    for (int i = 0; i < keys.length; i++) {
      float[] row = c.get(keys[i]);
      if (row[d - 1] != value(idx[i], d - 1)) throw new IllegalStateException("row " + idx[i] + " differs");
      sink += row[0];
    }
    System.out.printf(Locale.ROOT, "get: %.2f us per random row (%d rows, checksum %.1f)%n", (System.nanoTime() - t1) / 1e3 / keys.length,
        keys.length, sink);
    if (compact) {
      long t2 = System.nanoTime();
      c.compact(2);
      long files;
      try (Stream<Path> s = Files.list(c.dir())) {
        files = s.filter(p -> p.toString().endsWith(".json")).count();
      }
      System.out.printf(Locale.ROOT, "compact: %.1f s, %d shards after%n", (System.nanoTime() - t2) / 1e9, files);
      report("after compact", c);
      System.out.println("(run 'load' again to time opening the compacted cache in a fresh JVM)");
    }
  }

  private static void hash(Path dir, int threads) throws Exception {
    java.util.List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|gif|tiff?)$")).sorted().toList();
    }
    long bytes = 0;
    for (Path p : files) bytes += Files.size(p);
    Path idx = Files.createTempDirectory("digest-bench").resolve(io.clipwb.core.cache.DigestIndex.FILE_NAME);
    for (int round = 0; round < 3; round++) {
      Files.deleteIfExists(idx);
      io.clipwb.core.cache.DigestIndex d = io.clipwb.core.cache.DigestIndex.at(idx.resolveSibling("r" + round + ".tsv"));
      long t0 = System.nanoTime();
      d.sha256All(files, threads, new String[files.size()]);
      double cold = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      d.sha256All(files, threads, new String[files.size()]);
      double warm = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "hash round %d: %d files, %.1f MB, %d thread(s): %.3f s = %.0f MB/s, %.0f files/s (%.2f ms/file); "
          + "known stamps: %.1f us/file%n", round, files.size(), bytes / 1e6, threads, cold, bytes / 1e6 / cold, files.size() / cold,
          cold * 1e3 / files.size(), warm * 1e6 / files.size());
    }
  }

  private static void importSweep(Path sweep, Path cache, int d) throws Exception {
    Path dir = sweep.resolve(FP.substring(0, 16));
    java.util.List<io.clipwb.core.sweep.ShardFiles.Written> shards = new java.util.ArrayList<>();
    long rows = 0;
    try (Stream<Path> s = Files.list(dir.resolve("images"))) {
      for (Path idx : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(idx.toFile());
        shards.add(new io.clipwb.core.sweep.ShardFiles.Written(idx.getFileName().toString(), n.get("keys").size(), n.get("sha256").asText()));
        rows += n.get("keys").size();
      }
    }
    io.clipwb.core.sweep.SweepOutput.Marker m = new io.clipwb.core.sweep.SweepOutput.Marker(io.clipwb.core.sweep.SweepOutput.MARKER_FORMAT,
        io.clipwb.core.sweep.SweepOutput.VERSION, "bench", FP, d, "bench-app", java.time.Instant.now().toString(), rows, rows, 0, shards);
    Files.write(dir.resolve(io.clipwb.core.sweep.SweepOutput.MARKER), io.clipwb.core.sweep.SweepOutput.toJson(m));
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    long t0 = System.nanoTime();
    io.clipwb.core.sweep.SweepImport.Result r = io.clipwb.core.sweep.SweepImport.run(sweep, cache);
    double secs = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.printf(Locale.ROOT, "import: %d rows in %d shards, %d imported, clean=%s, %.1f s; peak heap %.0f MiB (max %.0f MiB)%n", rows,
        shards.size(), r.imported(), r.clean(), secs, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  private static void report(String when, EmbeddingCache c) {
    System.gc();
    System.gc();
    MemoryUsage h = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf(Locale.ROOT, "heap %s: %.0f MiB used (max %.0f MiB), %d rows%n", when, h.getUsed() / 1048576.0, h.getMax() / 1048576.0,
        c.size());
  }
}
