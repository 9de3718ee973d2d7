package io.clipwb.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The LMM answer files a project lists under the optional {@code lmm_answers} key of
 * {@code project.json} (a key older releases ignore, so the format stays backward compatible):
 *
 * <pre>{@code
 * "lmm_answers": [ {"file": "data/lmm/stand-in-answers.jsonl", "format": "plain", "model": "stand-in",
 *                   "clip_model": "sample-vit-default", "set": "test", "synthetic": true,
 *                   "description": "..."} ]
 * }</pre>
 *
 * {@code file} is relative to the project's folder; {@code clip_model} and {@code set} name the
 * CLIP run the questions were built from ({@code clipwb lmm questions --run}), so the answers are
 * compared on the same images and candidates. Read separately from {@link Project#load} so a
 * project without LMM answers, or an older reader, is unaffected.
 */
public final class LmmAnswerSources {
  /**
   * One answers file.
   *
   * @param format {@code plain}, {@code lmms-eval}, {@code vlmevalkit} or {@code auto}
   * @param model the LMM's name for answers that do not carry one (null: the file stem)
   * @param synthetic whether the answers are a documented stand-in, not an LMM's
   */
  public record Source(Path file, String format, String model, String clipModel, String set, boolean synthetic, String description) {}

  private LmmAnswerSources() {}

  /** The project's answer files (empty when it lists none); a listed file that does not exist is an error naming it. */
  public static List<Source> read(Project p) {
    JsonNode root = Json.read(p.file());
    JsonNode list = root.get("lmm_answers");
    if (list == null || list.isNull()) return List.of();
    if (!list.isArray()) throw new ProjectException(p.file() + ": lmm_answers: expected a list of {file, clip_model, set, ...}");
    List<Source> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String where = p.file() + ": lmm_answers[" + i + "]";
      String file = text(n, "file");
      if (file == null) throw new ProjectException(where + ".file: missing");
      Path f = p.dir().resolve(file).normalize();
      if (!Files.isRegularFile(f)) throw new ProjectException(where + ".file: " + f + " does not exist");
      String clip = text(n, "clip_model");
      if (clip == null) clip = p.defaultBundle();
      String set = text(n, "set");
      if (set == null) set = p.idSet().name();
      String format = text(n, "format");
      out.add(new Source(f, format == null ? "auto" : format, text(n, "model"), clip, set, n.path("synthetic").asBoolean(false),
          text(n, "description")));
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }
}
