package io.clipwb.cli;

import io.clipwb.core.util.Vectors;
import io.clipwb.core.eval.retrieval.CaptionSet;
import io.clipwb.core.eval.retrieval.CaptionSetReader;
import io.clipwb.core.eval.retrieval.Retrieval;
import io.clipwb.core.eval.retrieval.RetrievalFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clipwb retrieval}: zero-shot image–text retrieval (Recall@K both ways, median/mean rank)
 * from cached embeddings whose rows follow the caption file's image and caption order.
 */
@Command(
    name = "retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Image-text retrieval Recall@K (both directions), median and mean rank from cached embeddings.",
      "Row i of --image-emb must be the i-th image of --captions (order of first appearance) and row t of",
      "--text-emb its t-th caption (file order). Writes retrieval.json, image_to_text.csv and",
      "text_to_image.csv to --out; prints the summary as JSON."
    })
public final class RetrievalCommand implements Callable<Integer> {
  @Option(names = "--image-emb", required = true, description = "N x D float .npy of image embeddings")
  Path imageEmb;

  @Option(names = "--text-emb", required = true, description = "M x D float .npy of caption embeddings")
  Path textEmb;

  @Option(names = "--captions", required = true, description = "Karpathy-split .json, or .csv / .jsonl with image,caption")
  Path captions;

  @Option(names = "--format", description = "caption file format: ${COMPLETION-CANDIDATES} (default: from the extension)")
  CaptionSetReader.Format format;

  @Option(names = "--split", defaultValue = "test", description = "Karpathy split to keep, or 'all' (default: ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--k", split = ",", defaultValue = "1,5,10", description = "K values of Recall@K (default: ${DEFAULT-VALUE})")
  int[] ks;

  @Option(names = "--block", defaultValue = "256", description = "images per similarity block (default: ${DEFAULT-VALUE})")
  int block;

  @Option(names = "--keep-top", defaultValue = "5", description = "best candidates kept per query for drill-down (default: ${DEFAULT-VALUE})")
  int keepTop;

  @Option(names = "--normalise", description = "L2-normalise the embedding rows first (for raw tower outputs)")
  boolean normalise;

  @Option(names = "--out", description = "output folder for retrieval.json and the per-query CSV files")
  Path out;

  @Override
  public Integer call() {
    CaptionSet set = format == null ? CaptionSetReader.read(captions, split) : CaptionSetReader.read(captions, format, split);
    float[][] img = Npy.read(imageEmb).asFloatMatrix();
    float[][] txt = Npy.read(textEmb).asFloatMatrix();
    if (img.length != set.images().size()) {
      throw new IllegalArgumentException(imageEmb + " has " + img.length + " rows but " + set + " has "
          + set.images().size() + " images: the embeddings must follow the caption file's image order");
    }
    if (txt.length != set.captions().size()) {
      throw new IllegalArgumentException(textEmb + " has " + txt.length + " rows but " + set + " has "
          + set.captions().size() + " captions: the embeddings must follow the caption file's caption order");
    }
    if (normalise) {
      img = Vectors.normalizeRows(img);
      txt = Vectors.normalizeRows(txt);
    }
    float[][] imgs = img;
    float[][] txts = txt;
    Retrieval.Result r = CtrlC.run(cancel -> Retrieval.compute(imgs, txts, set.textToImage(), set.imageToTexts(),
        new Retrieval.Params(ks, block, 1e-3, keepTop), new StderrProgress(new java.io.PrintWriter(System.err, true)), cancel));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("source", set.source());
    summary.putAll(r.summary());
    if (out != null) {
      RetrievalFiles.write(out, set, r, imageEmb, textEmb);
      summary.put("out", out.toString());
    }
    System.out.println(Json.toString(summary));
    return 0;
  }
}
