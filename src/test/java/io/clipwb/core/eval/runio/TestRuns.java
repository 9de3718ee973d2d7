package io.clipwb.core.eval.runio;

import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small synthetic run folders (manifest.json, logits.npy, labels.npy) for tests. */
public final class TestRuns {
  private TestRuns() {}

  /** One item: path, label, metadata, logits row. */
  public record Row(String path, int label, Map<String, Object> metadata, float[] logits) {}

  public static Path write(Path dir, List<String> classes, List<Row> rows) {
    List<Map<String, Object>> items = new ArrayList<>();
    float[][] logits = new float[rows.size()][];
    int[] labels = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Map<String, Object> it = new LinkedHashMap<>();
      it.put("path", r.path());
      it.put("label", r.label());
      it.putAll(r.metadata());
      items.add(it);
      logits[i] = r.logits();
      labels[i] = r.label();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classes", classes);
    m.put("items", items);
    m.put("logit_scale", 100.0);
    m.put("bundle", Map.of("name", "test-model"));
    Json.write(dir.resolve("manifest.json"), m);
    Npy.write(dir.resolve("logits.npy"), logits);
    Npy.write(dir.resolve("labels.npy"), labels);
    return dir;
  }

  /** A logit row with {@code hot[k]} set to {@code 10 - k} and the rest 0 (so hot[0] is top-1). */
  public static float[] logits(int classes, int... hot) {
    float[] l = new float[classes];
    for (int k = 0; k < hot.length; k++) l[hot[k]] = 10 - k;
    return l;
  }
}
