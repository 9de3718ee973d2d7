package io.clipwb.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.clipwb.core.model.checkpoint.CheckpointSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The ViT image tower. transformers' {@code CLIPVisionEmbeddings.forward} / {@code
 * CLIPVisionTransformer.forward} and open_clip's {@code VisionTransformer.forward} compute the same:
 * patches by a stride-P convolution without bias, the class token in front, learned positions added,
 * pre-LayerNorm, the blocks, LayerNorm of the class token, projection.
 */
final class VitTower {
  private final NDArray patchW;
  private final NDArray zeroBias;
  private final NDArray cls;
  private final NDArray pos;
  private final NDArray preW;
  private final NDArray preB;
  private final List<Block> blocks = new ArrayList<>();
  private final NDArray postW;
  private final NDArray postB;
  private final NDArray proj;
  private final CheckpointSpec.Vision v;

  VitTower(Weights w, CheckpointSpec spec) {
    this.v = spec.vision();
    boolean hf = spec.layout() == CheckpointSpec.Layout.HF_CLIP;
    String p = hf ? "vision_model." : "visual.";
    patchW = w.get(hf ? p + "embeddings.patch_embedding.weight" : p + "conv1.weight");
    zeroBias = w.manager().zeros(new Shape(v.width()));
    cls = w.get(hf ? p + "embeddings.class_embedding" : p + "class_embedding");
    pos = w.get(hf ? p + "embeddings.position_embedding.weight" : p + "positional_embedding");
    preW = w.get(hf ? p + "pre_layrnorm.weight" : p + "ln_pre.weight");
    preB = w.get(hf ? p + "pre_layrnorm.bias" : p + "ln_pre.bias");
    for (int i = 0; i < v.layers(); i++) {
      blocks.add(hf ? Block.hf(w, p + "encoder.layers." + i, v.heads(), v.act(), v.eps())
          : Block.openAi(w, p + "transformer.resblocks." + i, v.heads(), v.act(), v.eps()));
    }
    postW = w.get(hf ? p + "post_layernorm.weight" : p + "ln_post.weight");
    postB = w.get(hf ? p + "post_layernorm.bias" : p + "ln_post.bias");
    proj = hf ? w.get("visual_projection.weight") : w.transposed("visual.proj");
  }

  /** pixels: N x 3 x S x S → N x embed_dim. */
  NDArray forward(NDArray pixels) {
    long n = pixels.getShape().get(0);
    int width = v.width();
    int p = v.patchSize();
    NDArray x = Conv2d.conv2d(pixels, patchW, zeroBias, new Shape(p, p)).singletonOrThrow();
    long g = x.getShape().get(2) * x.getShape().get(3);
    x = x.reshape(n, width, g).transpose(0, 2, 1);
    // first operands live in the call's scope, so no result is attached to the weights' manager
    NDArray c = x.getManager().zeros(new Shape(n, 1, width)).add(cls);
    x = c.concat(x, 1).add(pos);
    x = Block.layerNorm(x, preW, preB, (float) v.eps());
    for (Block b : blocks) x = b.forward(x, null);
    NDArray t = x.get(new NDIndex(":, 0, :"));
    t = Block.layerNorm(t, postW, postB, (float) v.eps());
    return Linear.linear(t, proj).singletonOrThrow();
  }
}
