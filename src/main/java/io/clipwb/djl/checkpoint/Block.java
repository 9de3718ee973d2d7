package io.clipwb.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * One pre-LN transformer block, the same computation in both libraries: transformers'
 * {@code CLIPEncoderLayer} / {@code SiglipEncoderLayer} (modeling_clip.py: layer_norm1 → self_attn → residual, layer_norm2 → mlp →
 * residual) and open_clip's {@code ResidualAttentionBlock} (transformer.py: ln_1 → attn, ln_2 → mlp).
 * Query, key and value projections are held as one [3W, W] matrix (open_clip's {@code in_proj_weight};
 * transformers' q/k/v_proj concatenated at load) so one matrix product yields all three.
 */
final class Block {
  final NDArray ln1w;
  final NDArray ln1b;
  final NDArray qkvW;
  final NDArray qkvB;
  final NDArray outW;
  final NDArray outB;
  final NDArray ln2w;
  final NDArray ln2b;
  final NDArray fc1W;
  final NDArray fc1B;
  final NDArray fc2W;
  final NDArray fc2B;
  final int heads;
  final String act;
  final float eps;

  Block(NDArray[] p, int heads, String act, double eps) {
    ln1w = p[0];
    ln1b = p[1];
    qkvW = p[2];
    qkvB = p[3];
    outW = p[4];
    outB = p[5];
    ln2w = p[6];
    ln2b = p[7];
    fc1W = p[8];
    fc1B = p[9];
    fc2W = p[10];
    fc2B = p[11];
    this.heads = heads;
    this.act = act;
    this.eps = (float) eps;
  }

  /** transformers' block {@code prefix} (e.g. {@code vision_model.encoder.layers.0}). */
  static Block hf(Weights w, String p, int heads, String act, double eps) {
    NDArray q = w.get(p + ".self_attn.q_proj.weight");
    NDArray k = w.get(p + ".self_attn.k_proj.weight");
    NDArray v = w.get(p + ".self_attn.v_proj.weight");
    NDArray qb = w.get(p + ".self_attn.q_proj.bias");
    NDArray kb = w.get(p + ".self_attn.k_proj.bias");
    NDArray vb = w.get(p + ".self_attn.v_proj.bias");
    NDArray qkv = q.concat(k, 0).concat(v, 0);
    NDArray qkvb = qb.concat(kb, 0).concat(vb, 0);
    for (NDArray a : new NDArray[] {q, k, v, qb, kb, vb}) a.close();
    return new Block(new NDArray[] {w.get(p + ".layer_norm1.weight"), w.get(p + ".layer_norm1.bias"), qkv, qkvb,
        w.get(p + ".self_attn.out_proj.weight"), w.get(p + ".self_attn.out_proj.bias"), w.get(p + ".layer_norm2.weight"),
        w.get(p + ".layer_norm2.bias"), w.get(p + ".mlp.fc1.weight"), w.get(p + ".mlp.fc1.bias"), w.get(p + ".mlp.fc2.weight"),
        w.get(p + ".mlp.fc2.bias")}, heads, act, eps);
  }

  /** open_clip's (OpenAI's) block {@code prefix} (e.g. {@code visual.transformer.resblocks.0}). */
  static Block openAi(Weights w, String p, int heads, String act, double eps) {
    return new Block(new NDArray[] {w.get(p + ".ln_1.weight"), w.get(p + ".ln_1.bias"), w.get(p + ".attn.in_proj_weight"),
        w.get(p + ".attn.in_proj_bias"), w.get(p + ".attn.out_proj.weight"), w.get(p + ".attn.out_proj.bias"),
        w.get(p + ".ln_2.weight"), w.get(p + ".ln_2.bias"), w.get(p + ".mlp.c_fc.weight"), w.get(p + ".mlp.c_fc.bias"),
        w.get(p + ".mlp.c_proj.weight"), w.get(p + ".mlp.c_proj.bias")}, heads, act, eps);
  }

  /** {@code x} (N x L x W) through a linear layer, split into heads: N x heads x L x (out / heads). */
  static NDArray projectHeads(NDArray x, NDArray w, NDArray b, int heads) {
    NDArray y = Linear.linear(x, w, b).singletonOrThrow();
    Shape s = y.getShape();
    return y.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
  }

  static NDArray layerNorm(NDArray x, NDArray w, NDArray b, float eps) {
    return LayerNorm.layerNorm(x, new Shape(x.getShape().get(x.getShape().dimension() - 1)), w, b, eps).singletonOrThrow();
  }

  /** x: N x L x W; mask: L x L additive (or null). */
  NDArray forward(NDArray x, NDArray mask) {
    long n = x.getShape().get(0);
    long l = x.getShape().get(1);
    long width = x.getShape().get(2);
    long d = width / heads;
    NDArray h = layerNorm(x, ln1w, ln1b, eps);
    NDArray qkv = Linear.linear(h, qkvW, qkvB).singletonOrThrow().reshape(n, l, 3, heads, d).transpose(2, 0, 3, 1, 4);
    NDArray q = qkv.get(0).mul((float) (1.0 / Math.sqrt(d)));
    NDArray k = qkv.get(1);
    NDArray v = qkv.get(2);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
    if (mask != null) scores = scores.add(mask);
    NDArray attn = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(n, l, width);
    x = x.add(Linear.linear(attn, outW, outB).singletonOrThrow());
    h = layerNorm(x, ln2w, ln2b, eps);
    h = Linear.linear(h, fc1W, fc1B).singletonOrThrow();
    h = activation(h, act);
    return x.add(Linear.linear(h, fc2W, fc2B).singletonOrThrow());
  }

  /**
   * transformers' {@code ACT2FN} / open_clip: {@code quick_gelu} = x·σ(1.702x); {@code gelu} = the erf
   * GELU; {@code gelu_pytorch_tanh} = {@code F.gelu(x, approximate="tanh")},
   * 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) (SigLIP).
   */
  static NDArray activation(NDArray h, String act) {
    switch (act) {
      case "quick_gelu":
        return h.mul(Activation.sigmoid(h.mul(1.702f)));
      case "gelu_pytorch_tanh": {
        NDArray inner = h.add(h.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2.0 / Math.PI));
        return h.mul(inner.tanh().add(1f)).mul(0.5f);
      }
      default:
        return Activation.gelu(h);
    }
  }
}
