package io.clipwb.djl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.ImageBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The checkpoint folders under src/test/resources/checkpoints (tools/checkpoints) and their expected outputs. */
final class CheckpointFixtures {
  private CheckpointFixtures() {}

  static Path root() {
    URL url = CheckpointFixtures.class.getResource("/checkpoints/expected");
    if (url == null) throw new IllegalStateException("checkpoint fixtures missing; run tools/checkpoints/make_checkpoint_fixtures.py");
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path folder(String name) {
    return root().resolve(name);
  }

  static JsonNode expected(String name) {
    return Json.read(root().resolve("expected").resolve(name + ".json"));
  }

  static ImageBatch images(String name) {
    Npy.NpyArray a = Npy.read(root().resolve("expected").resolve(name + ".images.npy"));
    int[] s = a.shape();
    double[] px = a.asDoubles();
    float[] f = new float[px.length];
    for (int i = 0; i < px.length; i++) f[i] = (float) px[i];
    return new ImageBatch(s[0], s[2], s[3], f);
  }

  static int[][] ints(JsonNode rows) {
    int[][] r = new int[rows.size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = new int[rows.get(i).size()];
      for (int j = 0; j < r[i].length; j++) r[i][j] = rows.get(i).get(j).asInt();
    }
    return r;
  }

  static double maxDiff(JsonNode want, float[][] got) {
    if (want.size() != got.length) throw new AssertionError(want.size() + " rows expected, got " + got.length);
    double m = 0;
    for (int i = 0; i < got.length; i++) {
      if (want.get(i).size() != got[i].length) throw new AssertionError("row " + i + ": width " + got[i].length + ", expected " + want.get(i).size());
      for (int j = 0; j < got[i].length; j++) m = Math.max(m, Math.abs(want.get(i).get(j).asDouble() - got[i][j]));
    }
    return m;
  }

  /** A writable copy of fixture {@code name} in {@code dir}. */
  static Path copy(String name, Path dir) {
    Path dst = dir.resolve(name);
    try (Stream<Path> files = Files.list(folder(name))) {
      Files.createDirectories(dst);
      for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dst.resolve(f.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dst;
  }
}
