package io.clipwb.core.eval.correspondence;

import io.clipwb.core.io.Csv;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the correspondence results (docs/evaluations-correspondence.md): geometric correspondence
 * over RGB-D frames ({@code correspondence.json} + one row per sampled match in {@code matches.csv})
 * and semantic keypoint transfer ({@code pck.json} + one row per keypoint in {@code keypoints.csv}).
 * Apart from {@link Correspondence} and {@link Pck} so that computing never writes, and shared by
 * every front end.
 */
public final class CorrespondenceFiles {
  private CorrespondenceFiles() {}

  /**
   * @param frames the frame folder the views came from (recorded)
   * @param intrinsics the camera intrinsics (recorded)
   */
  public static void writeGeometric(Path out, Path frames, Intrinsics intrinsics, Correspondence.Result r) {
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("frames", frames.toString());
    full.put("intrinsics", intrinsics);
    full.put("result", r);
    Json.write(out.resolve("correspondence.json"), full);
    AtomicFiles.writeString(out.resolve("matches.csv"), matchesCsv(r));
  }

  /** {@code matches.csv}: per sampled pixel, ground-truth and predicted position, error and cosine. */
  public static String matchesCsv(Correspondence.Result r) {
    StringBuilder b = new StringBuilder("pair,view_a,view_b,ua,va,gt_u,gt_v,pred_u,pred_v,error_px,cosine\n");
    for (Correspondence.PairResult p : r.pairs()) {
      for (Correspondence.Match m : p.matches()) {
        b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.4f,%.4f,%.1f,%.1f,%.4f,%.6f%n", Csv.field(p.id()),
            Csv.field(p.viewA()), Csv.field(p.viewB()), m.ua(), m.va(), m.gtU(), m.gtV(), m.predU(), m.predV(), m.errorPx(),
            m.cosine()));
      }
    }
    return b.toString();
  }

  /** {@code correspondence.json} and {@code matches.csv} of {@code --protocol probe3d} (scaled pixels). */
  public static void writeProbe3d(Path out, Path frames, Probe3dCorrespondence.Result r) {
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("frames", frames.toString());
    full.put("result", r);
    Json.write(out.resolve("correspondence.json"), full);
    StringBuilder b = new StringBuilder("pair,view_a,view_b,xa,ya,xb,yb,gt_u,gt_v,pred_u,pred_v,error_px,weight\n");
    for (Probe3dCorrespondence.PairResult p : r.pairs()) {
      for (Probe3dCorrespondence.Match m : p.matches()) {
        b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.6f%n", Csv.field(p.id()),
            Csv.field(p.viewA()), Csv.field(p.viewB()), m.xa(), m.ya(), m.xb(), m.yb(), m.gtU(), m.gtV(), m.predU(), m.predV(),
            m.errorPx(), m.weight()));
      }
    }
    AtomicFiles.writeString(out.resolve("matches.csv"), b.toString());
  }

  /** @param spair the SPair-71k folder the pairs came from (recorded) */
  public static void writeSemantic(Path out, Path spair, Pck.Result r) {
    Json.write(out.resolve("pck.json"), Map.of("spair", spair.toString(), "result", r));
    AtomicFiles.writeString(out.resolve("keypoints.csv"), keypointsCsv(r));
  }

  /** {@code keypoints.csv}: per keypoint, source, ground truth, prediction, distance and verdict. */
  public static String keypointsCsv(Pck.Result r) {
    StringBuilder b = new StringBuilder("pair,category,src_image,trg_image,kp,src_x,src_y,gt_x,gt_y,pred_x,pred_y,distance,threshold,correct\n");
    for (Pck.PairPck p : r.pairResults()) {
      for (int i = 0; i < p.keypoints().size(); i++) {
        Pck.Keypoint k = p.keypoints().get(i);
        b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.2f,%.2f,%.2f,%.2f,%.1f,%.1f,%.4f,%.4f,%b%n", Csv.field(p.id()),
            Csv.field(p.category()), Csv.field(p.srcImage()), Csv.field(p.trgImage()), i, k.srcX(), k.srcY(), k.gtX(), k.gtY(),
            k.predX(), k.predY(), k.distance(), p.threshold(), k.correct()));
      }
    }
    return b.toString();
  }
}
