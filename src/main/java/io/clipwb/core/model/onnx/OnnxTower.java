package io.clipwb.core.model.onnx;

import io.clipwb.core.model.BundleException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one ONNX tower is fed and read, decided from the names and shapes its graph declares, or a
 * {@link BundleException} naming the file and those shapes when the file is not such a tower.
 *
 * <p>Rules (documented in {@code docs/bundles.md}, "ONNX towers"):
 *
 * <ul>
 *   <li><b>image</b> / <b>patch</b>: one float32 input of rank 4 (N x 3 x H x W; {@code pixel_values}
 *       is taken when several are declared); fixed dimensions must be 3 channels and the bundle's
 *       input size.
 *   <li><b>text</b>: int64 token ids of rank 2 ({@code input_ids} when declared, else the only input),
 *       plus {@code attention_mask} (int64, rank 2) when the graph declares it; a fixed length must be
 *       the tokenizer's context length.
 *   <li><b>output</b>: the only output, or the one named {@code image_embeds} / {@code text_embeds}
 *       (transformers.js) when there are several; rank 2 with a fixed width equal to
 *       {@code embed_dim} where the graph states it (a patch tower: rank 3, N x tokens x d).
 * </ul>
 *
 * @param file the tower file
 * @param input the name of the pixel or token-id input
 * @param mask the name of the attention-mask input, or null
 * @param output the name of the output to read
 */
public record OnnxTower(Path file, String input, String mask, String output) {
  /** The three tower roles of a bundle. */
  public enum Role {
    IMAGE("an image tower", "pixel_values", "image_embeds"),
    TEXT("a text tower", "input_ids", "text_embeds"),
    PATCH("a patch tower", "pixel_values", null);

    private final String noun;
    private final String inputName;
    private final String outputName;

    Role(String noun, String inputName, String outputName) {
      this.noun = noun;
      this.inputName = inputName;
      this.outputName = outputName;
    }
  }

  /** The attention-mask input name a text graph may declare (transformers.js, optimum). */
  public static final String ATTENTION_MASK = "attention_mask";

  /**
   * Checks {@code graph} as a tower of {@code role}.
   *
   * @param where how to name the file in messages, e.g. "bundle.json field 'image_encoder'"
   * @param inputSize the image side the bundle feeds (image and patch towers)
   * @param contextLength the token rows' length (text tower)
   * @param width the expected output width: {@code embed_dim}; for a patch tower the token count
   *     gh*gw; -1 to skip
   * @throws BundleException naming the file, the declared inputs/outputs and their shapes
   */
  public static OnnxTower check(OnnxGraph graph, Role role, String where, int inputSize, int contextLength, int width) {
    Path file = graph.file();
    String at = file + " (" + where + ")";
    String expectedIn = role == Role.TEXT
        ? String.format(Locale.ROOT, "int64 token ids N x %d (rank 2), optionally with %s", contextLength, ATTENTION_MASK)
        : String.format(Locale.ROOT, "float32 pixels N x 3 x %d x %d (rank 4)", inputSize, inputSize);
    List<OnnxGraph.Value> ins = new ArrayList<>(graph.inputs());
    OnnxGraph.Value in = graph.input(role.inputName);
    if (in == null && role == Role.TEXT) {
      ins.removeIf(v -> v.name().equals(ATTENTION_MASK));
      if (ins.size() == 1) in = ins.get(0);
    } else if (in == null && ins.size() == 1) {
      in = ins.get(0);
    }
    if (in == null) {
      throw new BundleException(at + ": not " + role.noun + ": its graph takes " + list(graph.inputs())
          + "; " + role.noun + " takes " + expectedIn);
    }
    OnnxGraph.Value mask = role == Role.TEXT ? graph.input(ATTENTION_MASK) : null;
    for (OnnxGraph.Value v : graph.inputs()) {
      if (v != in && v != mask) {
        throw new BundleException(at + ": not " + role.noun + ": its graph also takes input '" + v.name() + "' "
            + v.describe() + "; " + role.noun + " takes only " + expectedIn);
      }
    }
    int wantType = role == Role.TEXT ? OnnxGraph.INT64 : OnnxGraph.FLOAT;
    int wantRank = role == Role.TEXT ? 2 : 4;
    if (in.elemType() != wantType || in.rank() != wantRank) {
      throw new BundleException(at + ": not " + role.noun + ": input '" + in.name() + "' is " + in.describe()
          + ", but " + role.noun + " takes " + expectedIn);
    }
    long[] d = in.dims();
    boolean dimsOk = role == Role.TEXT ? fits(d[1], contextLength)
        : fits(d[1], 3) && fits(d[2], inputSize) && fits(d[3], inputSize);
    if (!dimsOk) {
      throw new BundleException(at + ": input '" + in.name() + "' is " + in.describe() + ", but the bundle feeds "
          + expectedIn);
    }
    if (mask != null && (mask.elemType() != OnnxGraph.INT64 || mask.rank() != 2)) {
      throw new BundleException(at + ": input '" + ATTENTION_MASK + "' is " + mask.describe() + "; expected int64 N x "
          + contextLength);
    }
    OnnxGraph.Value out = graph.outputs().size() == 1 ? graph.outputs().get(0)
        : role.outputName == null ? null : graph.output(role.outputName);
    if (out == null) {
      throw new BundleException(at + ": the graph has outputs " + list(graph.outputs()) + "; " + role.noun
          + " must have one output" + (role.outputName == null ? "" : ", or one named '" + role.outputName + "'"));
    }
    int outRank = role == Role.PATCH ? 3 : 2;
    String expectedOut = role == Role.PATCH ? "N x " + (width < 0 ? "tokens" : width) + " x d (rank 3)"
        : "N x " + (width < 0 ? "D" : Integer.toString(width)) + " embeddings (rank 2)";
    long[] o = out.dims();
    if (o != null && (o.length != outRank || (width >= 0 && !fits(o[1], width)))) {
      throw new BundleException(at + ": not " + role.noun + ": output '" + out.name() + "' is " + out.describe()
          + ", but " + role.noun + " returns " + expectedOut
          + (role == Role.PATCH ? " (bundle.json field 'patch_grid')" : " (embed_dim)"));
    }
    return new OnnxTower(file, in.name(), mask == null ? null : mask.name(), out.name());
  }

  private static boolean fits(long declared, long wanted) {
    return declared < 0 || wanted < 0 || declared == wanted;
  }

  private static String list(List<OnnxGraph.Value> vs) {
    if (vs.isEmpty()) return "no inputs";
    StringBuilder b = new StringBuilder();
    for (OnnxGraph.Value v : vs) b.append(b.length() == 0 ? "" : ", ").append('\'').append(v.name()).append("' ").append(v.describe());
    return b.toString();
  }
}
