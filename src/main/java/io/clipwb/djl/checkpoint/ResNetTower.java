package io.clipwb.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import io.clipwb.core.model.checkpoint.CheckpointSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's ModifiedResNet as open_clip's {@code modified_resnet.py} defines it: a 3-convolution stem
 * with average pooling, four stages of Bottlenecks whose strided ones average-pool before the last
 * 1x1 convolution (and in the downsample branch), and {@code AttentionPool2d}: the mean token in
 * front, learned positions, multi-head attention, and the mean token's output projected by
 * {@code c_proj}. BatchNorm runs in eval mode (running statistics, eps 1e-5).
 */
final class ResNetTower {
  private static final float BN_EPS = 1e-5f;

  private final Weights w;
  private final CheckpointSpec.Vision v;
  private final List<Stage> stem = new ArrayList<>();
  private final List<Bottleneck> blocks = new ArrayList<>();
  private final NDArray pos;
  private final NDArray qW, qB, kW, kB, vW, vB, cW, cB;

  /** conv + BN (+ ReLU), stride-1 convolutions with padding. */
  private record Stage(NDArray conv, NDArray zero, NDArray[] bn, int stride, int pad) {}

  private record Bottleneck(Stage c1, Stage c2, Stage c3, Stage down, int stride) {}

  ResNetTower(Weights w, CheckpointSpec spec) {
    this.w = w;
    this.v = spec.vision();
    stem.add(stage("visual.conv1", "visual.bn1", 2, 1));
    stem.add(stage("visual.conv2", "visual.bn2", 1, 1));
    stem.add(stage("visual.conv3", "visual.bn3", 1, 1));
    for (int s = 0; s < 4; s++) {
      for (int b = 0; b < v.resnetLayers()[s]; b++) {
        String p = "visual.layer" + (s + 1) + "." + b;
        int stride = b == 0 && s > 0 ? 2 : 1;
        Stage down = w.file().has(p + ".downsample.0.weight") ? stage(p + ".downsample.0", p + ".downsample.1", 1, 0) : null;
        blocks.add(new Bottleneck(stage(p + ".conv1", p + ".bn1", 1, 0), stage(p + ".conv2", p + ".bn2", 1, 1),
            stage(p + ".conv3", p + ".bn3", 1, 0), down, stride));
      }
    }
    String a = "visual.attnpool.";
    pos = w.get(a + "positional_embedding");
    qW = w.get(a + "q_proj.weight");
    qB = w.get(a + "q_proj.bias");
    kW = w.get(a + "k_proj.weight");
    kB = w.get(a + "k_proj.bias");
    vW = w.get(a + "v_proj.weight");
    vB = w.get(a + "v_proj.bias");
    cW = w.get(a + "c_proj.weight");
    cB = w.get(a + "c_proj.bias");
  }

  private Stage stage(String conv, String bn, int stride, int pad) {
    NDArray c = w.get(conv + ".weight");
    NDArray[] b = {w.get(bn + ".running_mean"), w.get(bn + ".running_var"), w.get(bn + ".weight"), w.get(bn + ".bias")};
    return new Stage(c, w.manager().zeros(new Shape(c.getShape().get(0))), b, stride, pad);
  }

  private static NDArray apply(Stage s, NDArray x) {
    NDArray y = Conv2d.conv2d(x, s.conv, s.zero, new Shape(s.stride, s.stride), new Shape(s.pad, s.pad)).singletonOrThrow();
    return BatchNorm.batchNorm(y, s.bn[0], s.bn[1], s.bn[2], s.bn[3], 1, 0.1f, BN_EPS, false).singletonOrThrow();
  }

  private static NDArray avgPool(NDArray x, int k) {
    return k == 1 ? x : Pool.avgPool2d(x, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false, true);
  }

  /** pixels: N x 3 x S x S → N x embed_dim. */
  NDArray forward(NDArray pixels) {
    NDArray x = pixels;
    for (Stage s : stem) x = Activation.relu(apply(s, x));
    x = avgPool(x, 2);
    for (Bottleneck b : blocks) {
      NDArray out = Activation.relu(apply(b.c1, x));
      out = Activation.relu(apply(b.c2, out));
      out = avgPool(out, b.stride);
      out = apply(b.c3, out);
      NDArray identity = b.down == null ? x : apply(b.down, avgPool(x, b.stride));
      x = Activation.relu(out.add(identity));
    }
    return attentionPool(x);
  }

  /** modified_resnet.py AttentionPool2d.forward. */
  private NDArray attentionPool(NDArray x) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long hw = s.get(2) * s.get(3);
    x = x.reshape(n, c, hw).transpose(0, 2, 1);
    x = x.mean(new int[] {1}, true).concat(x, 1).add(pos);
    long l = hw + 1;
    int heads = v.heads();
    long d = c / heads;
    NDArray q = Block.projectHeads(x, qW, qB, heads);
    NDArray k = Block.projectHeads(x, kW, kB, heads);
    NDArray val = Block.projectHeads(x, vW, vB, heads);
    NDArray attn = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1.0 / Math.sqrt(d))).softmax(-1).matMul(val);
    NDArray out = attn.transpose(0, 2, 1, 3).reshape(n, l, c);
    return Linear.linear(out.get(new NDIndex(":, 0, :")), cW, cB).singletonOrThrow();
  }
}
