package io.clipwb.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.clipwb.core.model.checkpoint.CheckpointSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * SigLIP's image tower, transformers' {@code modeling_siglip.py}: {@code SiglipVisionEmbeddings}
 * (stride-P convolution with bias, learned positions, no class token), the encoder blocks with no
 * LayerNorm before them, {@code post_layernorm}, and {@code SiglipMultiheadAttentionPoolingHead}: a
 * learned probe attends over all patch tokens through {@code nn.MultiheadAttention} (one packed
 * in-projection, scaled dot product, out-projection), then {@code probe + MLP(LayerNorm(probe))}. The
 * pooled vector is the image embedding; there is no projection.
 */
final class SiglipVisionTower {
  private static final String P = "vision_model.";
  private final NDArray patchW;
  private final NDArray patchB;
  private final NDArray pos;
  private final List<Block> blocks = new ArrayList<>();
  private final NDArray postW;
  private final NDArray postB;
  private final NDArray probe;
  private final NDArray wq;
  private final NDArray wk;
  private final NDArray wv;
  private final NDArray bq;
  private final NDArray bk;
  private final NDArray bv;
  private final NDArray outW;
  private final NDArray outB;
  private final NDArray lnW;
  private final NDArray lnB;
  private final NDArray fc1W;
  private final NDArray fc1B;
  private final NDArray fc2W;
  private final NDArray fc2B;
  private final CheckpointSpec.Vision v;

  SiglipVisionTower(Weights w, CheckpointSpec spec) {
    this.v = spec.vision();
    patchW = w.get(P + "embeddings.patch_embedding.weight");
    patchB = w.get(P + "embeddings.patch_embedding.bias");
    pos = w.get(P + "embeddings.position_embedding.weight");
    for (int i = 0; i < v.layers(); i++) blocks.add(Block.hf(w, P + "encoder.layers." + i, v.heads(), v.act(), v.eps()));
    postW = w.get(P + "post_layernorm.weight");
    postB = w.get(P + "post_layernorm.bias");
    String h = P + "head.";
    probe = w.get(h + "probe");
    // nn.MultiheadAttention's packed [3W, W] in-projection, split once into q, k and v
    int width = v.width();
    NDArray inW = w.get(h + "attention.in_proj_weight");
    NDArray inB = w.get(h + "attention.in_proj_bias");
    wq = inW.get("0:" + width).duplicate();
    wk = inW.get(width + ":" + 2 * width).duplicate();
    wv = inW.get(2 * width + ":" + 3 * width).duplicate();
    bq = inB.get("0:" + width).duplicate();
    bk = inB.get(width + ":" + 2 * width).duplicate();
    bv = inB.get(2 * width + ":" + 3 * width).duplicate();
    outW = w.get(h + "attention.out_proj.weight");
    outB = w.get(h + "attention.out_proj.bias");
    lnW = w.get(h + "layernorm.weight");
    lnB = w.get(h + "layernorm.bias");
    fc1W = w.get(h + "mlp.fc1.weight");
    fc1B = w.get(h + "mlp.fc1.bias");
    fc2W = w.get(h + "mlp.fc2.weight");
    fc2B = w.get(h + "mlp.fc2.bias");
  }

  /** pixels: N x 3 x S x S → N x width. */
  NDArray forward(NDArray pixels) {
    long n = pixels.getShape().get(0);
    int width = v.width();
    int p = v.patchSize();
    NDArray x = Conv2d.conv2d(pixels, patchW, patchB, new Shape(p, p)).singletonOrThrow();
    long g = x.getShape().get(2) * x.getShape().get(3);
    x = x.reshape(n, width, g).transpose(0, 2, 1).add(pos);
    for (Block b : blocks) x = b.forward(x, null);
    x = Block.layerNorm(x, postW, postB, (float) v.eps());
    return pool(x);
  }

  /** SiglipMultiheadAttentionPoolingHead.forward on x: N x L x W → N x W. */
  private NDArray pool(NDArray x) {
    long n = x.getShape().get(0);
    int width = v.width();
    int heads = v.heads();
    long d = width / heads;
    // nn.MultiheadAttention: q from the probe, k and v from the tokens
    NDArray pr = x.getManager().zeros(new Shape(n, 1, width)).add(probe);
    NDArray q = Block.projectHeads(pr, wq, bq, heads);
    NDArray k = Block.projectHeads(x, wk, bk, heads);
    NDArray vv = Block.projectHeads(x, wv, bv, heads);
    NDArray scores = q.mul((float) (1.0 / Math.sqrt(d))).matMul(k.transpose(0, 1, 3, 2));
    NDArray attn = scores.softmax(-1).matMul(vv).transpose(0, 2, 1, 3).reshape(n, 1, width);
    NDArray h = Linear.linear(attn, outW, outB).singletonOrThrow();
    NDArray m = Block.layerNorm(h, lnW, lnB, (float) v.eps());
    m = Linear.linear(m, fc1W, fc1B).singletonOrThrow();
    m = Block.activation(m, v.act());
    h = h.add(Linear.linear(m, fc2W, fc2B).singletonOrThrow());
    return h.reshape(n, width);
  }
}
