package io.clipwb.core.model.checkpoint;

import java.nio.file.Path;

/**
 * The architecture of a checkpoint folder as its config states it, with the upstream library's
 * defaults filled in: everything a forward pass needs besides the tensors themselves.
 *
 * <p>Why a record of plain numbers: the core must not know DJL, and the DJL side must not parse
 * configs; this is the hand-over between them, checked once when the folder is opened.
 *
 * @param layout which library's parameter names and forward pass apply
 * @param folder the checkpoint folder
 * @param weights the safetensors file
 * @param config the config file the architecture was read from
 * @param vision the image tower
 * @param text the text tower
 * @param embedDim width of the joint embedding space
 */
public record CheckpointSpec(Layout layout, Path folder, Path weights, Path config, Vision vision, Text text, int embedDim) {

  /** Parameter naming and forward-pass family. */
  public enum Layout {
    /** transformers' {@code CLIPModel} ({@code vision_model.*}, {@code text_model.*}, projections). */
    HF_CLIP,
    /** open_clip's {@code CLIP} with OpenAI's names ({@code visual.*}, {@code transformer.*}, ...). */
    OPEN_CLIP,
    /**
     * transformers' {@code SiglipModel}: no class token, attention-pooling head on the image side,
     * bidirectional text tower pooled at the last position through a {@code head} linear layer,
     * {@code logit_bias}.
     */
    HF_SIGLIP
  }

  /**
   * The image tower.
   *
   * @param resnet true for OpenAI's ModifiedResNet, false for a ViT
   * @param imageSize input side
   * @param patchSize ViT patch side (0 for a ResNet)
   * @param width ViT width, or the ResNet's stem width (64 for RN50)
   * @param layers ViT blocks (for a ResNet: the sum of {@code resnetLayers})
   * @param resnetLayers bottlenecks per stage (ResNet only; empty for a ViT)
   * @param heads attention heads (ResNet: of the attention pool)
   * @param mlpDim ViT MLP hidden width
   * @param act {@code quick_gelu}, {@code gelu} or {@code gelu_pytorch_tanh}
   * @param eps LayerNorm epsilon
   */
  public record Vision(boolean resnet, int imageSize, int patchSize, int width, int layers, int[] resnetLayers, int heads,
      int mlpDim, String act, double eps) {
    /** The patch grid side ({@code imageSize / patchSize}); for a ResNet {@code imageSize / 32}. */
    public int grid() {
      return resnet ? imageSize / 32 : imageSize / patchSize;
    }
  }

  /**
   * The text tower.
   *
   * @param vocab token embedding rows
   * @param contextLength positions (rows of the positional embedding)
   * @param width transformer width
   * @param layers blocks
   * @param heads attention heads
   * @param mlpDim MLP hidden width
   * @param act {@code quick_gelu}, {@code gelu} or {@code gelu_pytorch_tanh}
   * @param eps LayerNorm epsilon
   * @param pooling {@code argmax} (the largest id: OpenAI's EOT rule), {@code eos} (first position of
   *     {@code eosTokenId}), {@code first} or {@code last}
   * @param eosTokenId the id the {@code eos} rule looks for (-1 otherwise)
   */
  public record Text(int vocab, int contextLength, int width, int layers, int heads, int mlpDim, String act, double eps,
      String pooling, int eosTokenId) {}

  /** A short architecture name in open_clip's style: {@code ViT-B-32}, {@code RN50}, else the sizes. */
  public String architectureName() {
    if (vision.resnet()) {
      int[] l = vision.resnetLayers();
      String base = java.util.Arrays.equals(l, new int[] {3, 4, 6, 3}) ? "RN50"
          : java.util.Arrays.equals(l, new int[] {3, 4, 23, 3}) ? "RN101"
          : java.util.Arrays.equals(l, new int[] {4, 6, 10, 6}) ? "RN50x4"
          : java.util.Arrays.equals(l, new int[] {6, 8, 18, 8}) ? "RN50x16"
          : java.util.Arrays.equals(l, new int[] {3, 15, 36, 10}) ? "RN50x64" : null;
      return base != null ? base : "ModifiedResNet-" + java.util.Arrays.toString(l).replace(" ", "") + "-w" + vision.width();
    }
    String size = switch (vision.width()) {
      case 384 -> "S";
      case 768 -> vision.layers() == 12 ? "B" : null;
      case 1024 -> vision.layers() == 24 ? "L" : null;
      case 1280 -> vision.layers() == 32 ? "H" : null;
      case 1152 -> vision.layers() == 27 ? "SO400M" : null;
      case 1408 -> "g";
      case 1664 -> "bigG";
      default -> null;
    };
    String name = size != null ? "ViT-" + size + "-" + vision.patchSize()
        : "ViT-w" + vision.width() + "-l" + vision.layers() + "-" + vision.patchSize();
    return layout == Layout.HF_SIGLIP ? name + "-SigLIP" : name;
  }
}
