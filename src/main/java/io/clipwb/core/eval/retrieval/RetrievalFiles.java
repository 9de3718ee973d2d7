package io.clipwb.core.eval.retrieval;

import io.clipwb.core.io.Csv;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Retrieval.Result} (docs/evaluations-retrieval.md): {@code retrieval.json} (the
 * caption set's source, the embedding files, the image list and the full result) and the per-query
 * tables {@code image_to_text.csv} and {@code text_to_image.csv}. Apart from {@link Retrieval} so
 * that computing never writes, and shared by every front end.
 */
public final class RetrievalFiles {
  private RetrievalFiles() {}

  /**
   * @param imageEmbeddings the file the image embeddings came from (recorded)
   * @param textEmbeddings the file the caption embeddings came from (recorded)
   */
  public static void write(Path out, CaptionSet set, Retrieval.Result r, Path imageEmbeddings, Path textEmbeddings) {
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("source", set.source());
    full.put("image_embeddings", imageEmbeddings.toString());
    full.put("text_embeddings", textEmbeddings.toString());
    full.put("images", set.images());
    full.put("result", r);
    Json.write(out.resolve("retrieval.json"), full);
    AtomicFiles.writeString(out.resolve("image_to_text.csv"), imageCsv(set, r));
    AtomicFiles.writeString(out.resolve("text_to_image.csv"), textCsv(set, r));
  }

  /** {@code image_to_text.csv}: per image, the rank of its first matching caption and the top captions. */
  public static String imageCsv(CaptionSet s, Retrieval.Result r) {
    StringBuilder b = new StringBuilder("image_index,image,rank,matched_caption_index,matched_caption,top1_caption_index,top1_caption,top_caption_indices\n");
    Retrieval.Direction d = r.imageToText();
    List<String> caps = s.captions();
    for (int i = 0; i < d.ranks().length; i++) {
      b.append(i).append(',').append(Csv.field(s.images().get(i))).append(',').append(d.ranks()[i]).append(',')
          .append(d.matched()[i]).append(',').append(Csv.field(caps.get(d.matched()[i]))).append(',')
          .append(d.top()[i][0]).append(',').append(Csv.field(caps.get(d.top()[i][0]))).append(',')
          .append(joined(d.top()[i])).append('\n');
    }
    return b.toString();
  }

  /** {@code text_to_image.csv}: per caption, the rank of its image and the top images. */
  public static String textCsv(CaptionSet s, Retrieval.Result r) {
    StringBuilder b = new StringBuilder("caption_index,caption,image_index,image,rank,top1_image_index,top1_image,top_image_indices\n");
    Retrieval.Direction d = r.textToImage();
    for (int t = 0; t < d.ranks().length; t++) {
      int own = s.textToImage()[t];
      b.append(t).append(',').append(Csv.field(s.captions().get(t))).append(',').append(own).append(',')
          .append(Csv.field(s.images().get(own))).append(',').append(d.ranks()[t]).append(',')
          .append(d.top()[t][0]).append(',').append(Csv.field(s.images().get(d.top()[t][0]))).append(',')
          .append(joined(d.top()[t])).append('\n');
    }
    return b.toString();
  }

  /** Indices separated by spaces (one CSV field). */
  static String joined(int[] v) {
    StringBuilder b = new StringBuilder();
    for (int x : v) b.append(b.length() == 0 ? "" : " ").append(x);
    return b.toString();
  }

}
