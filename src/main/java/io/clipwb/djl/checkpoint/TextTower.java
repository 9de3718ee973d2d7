package io.clipwb.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.clipwb.core.model.checkpoint.CheckpointSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The text transformer. transformers' {@code CLIPTextTransformer.forward} and open_clip's
 * {@code CLIP._encode_text}: token + position embeddings, the blocks under a causal mask, final
 * LayerNorm, one row pooled per text, projection. transformers' {@code SiglipTextTransformer}: the
 * same without the mask, pooled at the last position, through the {@code head} linear layer. Pooling ({@link #poolIndex}):
 * {@code argmax} = position of the largest id (OpenAI's EOT rule; transformers when
 * {@code eos_token_id == 2}), {@code eos} = first position of the EOS id (transformers otherwise,
 * open_clip {@code pool_type="eos"}), {@code first}, {@code last}.
 */
final class TextTower {
  private final Weights w;
  private final String tokenName;
  private final NDArray pos;
  private final List<Block> blocks = new ArrayList<>();
  private final NDArray lnW;
  private final NDArray lnB;
  private final NDArray proj;
  private final NDArray projB;
  private final NDArray mask;
  private final CheckpointSpec.Text t;

  TextTower(Weights w, CheckpointSpec spec) {
    this.w = w;
    this.t = spec.text();
    boolean siglip = spec.layout() == CheckpointSpec.Layout.HF_SIGLIP;
    boolean hf = spec.layout() == CheckpointSpec.Layout.HF_CLIP || siglip;
    tokenName = hf ? "text_model.embeddings.token_embedding.weight" : "token_embedding.weight";
    pos = w.get(hf ? "text_model.embeddings.position_embedding.weight" : "positional_embedding");
    for (int i = 0; i < t.layers(); i++) {
      blocks.add(hf ? Block.hf(w, "text_model.encoder.layers." + i, t.heads(), t.act(), t.eps())
          : Block.openAi(w, "transformer.resblocks." + i, t.heads(), t.act(), t.eps()));
    }
    lnW = w.get(hf ? "text_model.final_layer_norm.weight" : "ln_final.weight");
    lnB = w.get(hf ? "text_model.final_layer_norm.bias" : "ln_final.bias");
    // SigLIP: SiglipTextTransformer.head, a Linear with bias, instead of a projection without one
    proj = siglip ? w.get("text_model.head.weight") : hf ? w.get("text_projection.weight") : w.transposed("text_projection");
    projB = siglip ? w.get("text_model.head.bias") : null;
    if (siglip) { // modeling_siglip.py: "SigLIP's text model does not use a causal mask"
      mask = null;
      return;
    }
    int l = t.contextLength();
    float[] m = new float[l * l];
    for (int i = 0; i < l; i++) for (int j = i + 1; j < l; j++) m[i * l + j] = Float.NEGATIVE_INFINITY;
    mask = w.manager().create(m, new Shape(l, l));
  }

  /** The position pooled for one token row. */
  int poolIndex(int[] ids) {
    switch (t.pooling()) {
      case "first":
        return 0;
      case "last":
        return ids.length - 1;
      case "eos":
        for (int j = 0; j < ids.length; j++) if (ids[j] == t.eosTokenId()) return j;
        return 0; // torch: argmax of an all-zero row is 0
      default:
        int best = 0;
        for (int j = 1; j < ids.length; j++) if (ids[j] > ids[best]) best = j; // first maximum, as torch.argmax
        return best;
    }
  }

  /** ids: N rows of contextLength ids → N x embed_dim, in {@code scope}. */
  NDArray forward(int[][] ids, NDManager scope) {
    int n = ids.length;
    for (int[] r : ids) {
      if (r.length != t.contextLength()) {
        throw new IllegalArgumentException("token row of " + r.length + " ids; the text tower takes " + t.contextLength());
      }
    }
    NDArray x = w.rows(tokenName, ids, t.width(), t.vocab(), scope).add(pos);
    for (Block b : blocks) x = b.forward(x, mask);
    NDList rows = new NDList(n);
    for (int i = 0; i < n; i++) rows.add(x.get(i, poolIndex(ids[i])));
    NDArray pooled = NDArrays.stack(rows);
    pooled = Block.layerNorm(pooled, lnW, lnB, (float) t.eps());
    NDArray out = (projB == null ? Linear.linear(pooled, proj) : Linear.linear(pooled, proj, projB)).singletonOrThrow();
    return out.getDataType() == DataType.FLOAT32 ? out : out.toType(DataType.FLOAT32, false);
  }
}
