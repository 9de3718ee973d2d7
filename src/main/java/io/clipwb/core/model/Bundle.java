package io.clipwb.core.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model bundle: a folder holding {@code bundle.json} plus the TorchScript towers and tokenizer
 * files it names. The schema is documented in {@code docs/bundles.md}; {@link BundleLoader}
 * reads and validates it.
 *
 * @param dir the bundle folder
 * @param name short model name used in results
 * @param imageEncoder TorchScript file of the image tower: NCHW float → N x embedDim
 * @param textEncoder TorchScript file of the text tower: N x contextLength int64 → N x embedDim
 * @param patchEncoder optional TorchScript file: NCHW float → N x (gh*gw) x d patch features
 * @param patchGrid the patch grid [gh, gw] when a patch encoder exists
 * @param embedDim width of both towers' outputs
 * @param logitScale the learned temperature exp(t) (100 for OpenAI CLIP)
 * @param fingerprint SHA-256 over bundle.json and the tower files: the model part of cache keys
 * @param logitBias the learned logit bias of a sigmoid-loss model (SigLIP's {@code logit_bias}), added
 *     after the scale: logits = {@code logitScale} x cosine + {@code logitBias}; 0 for CLIP models
 */
public record Bundle(
    Path dir,
    String name,
    Path imageEncoder,
    Path textEncoder,
    Optional<Path> patchEncoder,
    int[] patchGrid,
    int embedDim,
    float logitScale,
    Preprocessing preprocessing,
    TokenizerSpec tokenizer,
    ModelCard card,
    String fingerprint,
    float logitBias) {

  /** A model without a logit bias (every softmax-loss CLIP model). */
  public Bundle(Path dir, String name, Path imageEncoder, Path textEncoder, Optional<Path> patchEncoder, int[] patchGrid, int embedDim,
      float logitScale, Preprocessing preprocessing, TokenizerSpec tokenizer, ModelCard card, String fingerprint) {
    this(dir, name, imageEncoder, textEncoder, patchEncoder, patchGrid, embedDim, logitScale, preprocessing, tokenizer, card,
        fingerprint, 0f);
  }
}
