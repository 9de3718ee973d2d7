package io.clipwb.core.model.checkpoint;

import io.clipwb.core.model.safetensors.SafetensorsException;
import io.clipwb.core.model.safetensors.SafetensorsFile;
import io.clipwb.core.model.safetensors.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tensor a checkpoint of a given {@link CheckpointSpec} must hold, by its upstream name, with
 * its shape: transformers' {@code CLIPModel} state dict, or open_clip's {@code CLIP} (OpenAI's names)
 * with a ViT or ModifiedResNet image tower, or transformers' {@code SiglipModel}.
 *
 * <p>Why in the core: the check needs only the safetensors header, so a folder with a missing,
 * misshapen or unexpected tensor is refused when the bundle is loaded — before the engine starts —
 * with the file, the tensor and the expected shape; the DJL forward passes then read tensors by the
 * same names knowing they exist.
 */
public final class TensorLayout {
  private TensorLayout() {}

  /** Names every reader may skip: buffers some versions save (position ids, BN step counters). */
  static boolean ignorable(String name) {
    return name.endsWith(".position_ids") || name.endsWith(".num_batches_tracked") || name.equals("attn_mask");
  }

  /** The expected tensors, in a stable order. */
  public static Map<String, long[]> expected(CheckpointSpec s) {
    Map<String, long[]> m = new LinkedHashMap<>();
    CheckpointSpec.Vision v = s.vision();
    CheckpointSpec.Text t = s.text();
    int e = s.embedDim();
    if (s.layout() == CheckpointSpec.Layout.HF_SIGLIP) {
      siglip(m, v, t);
    } else if (s.layout() == CheckpointSpec.Layout.HF_CLIP) {
      int vw = v.width();
      long positions = (long) v.grid() * v.grid() + 1;
      m.put("vision_model.embeddings.class_embedding", new long[] {vw});
      m.put("vision_model.embeddings.patch_embedding.weight", new long[] {vw, 3, v.patchSize(), v.patchSize()});
      m.put("vision_model.embeddings.position_embedding.weight", new long[] {positions, vw});
      ln(m, "vision_model.pre_layrnorm", vw);
      for (int i = 0; i < v.layers(); i++) hfBlock(m, "vision_model.encoder.layers." + i, vw, v.mlpDim());
      ln(m, "vision_model.post_layernorm", vw);
      m.put("visual_projection.weight", new long[] {e, vw});
      int tw = t.width();
      m.put("text_model.embeddings.token_embedding.weight", new long[] {t.vocab(), tw});
      m.put("text_model.embeddings.position_embedding.weight", new long[] {t.contextLength(), tw});
      for (int i = 0; i < t.layers(); i++) hfBlock(m, "text_model.encoder.layers." + i, tw, t.mlpDim());
      ln(m, "text_model.final_layer_norm", tw);
      m.put("text_projection.weight", new long[] {e, tw});
    } else {
      if (v.resnet()) {
        resnet(m, v, e);
      } else {
        int vw = v.width();
        m.put("visual.class_embedding", new long[] {vw});
        m.put("visual.positional_embedding", new long[] {(long) v.grid() * v.grid() + 1, vw});
        m.put("visual.proj", new long[] {vw, e});
        m.put("visual.conv1.weight", new long[] {vw, 3, v.patchSize(), v.patchSize()});
        ln(m, "visual.ln_pre", vw);
        for (int i = 0; i < v.layers(); i++) openAiBlock(m, "visual.transformer.resblocks." + i, vw, v.mlpDim());
        ln(m, "visual.ln_post", vw);
      }
      int tw = t.width();
      m.put("token_embedding.weight", new long[] {t.vocab(), tw});
      m.put("positional_embedding", new long[] {t.contextLength(), tw});
      for (int i = 0; i < t.layers(); i++) openAiBlock(m, "transformer.resblocks." + i, tw, t.mlpDim());
      ln(m, "ln_final", tw);
      m.put("text_projection", new long[] {tw, e});
    }
    m.put("logit_scale", new long[0]);
    return m;
  }

  /** transformers' {@code SiglipModel} state dict (modeling_siglip.py), logit_scale added by the caller. */
  private static void siglip(Map<String, long[]> m, CheckpointSpec.Vision v, CheckpointSpec.Text t) {
    int vw = v.width();
    m.put("vision_model.embeddings.patch_embedding.weight", new long[] {vw, 3, v.patchSize(), v.patchSize()});
    m.put("vision_model.embeddings.patch_embedding.bias", new long[] {vw});
    m.put("vision_model.embeddings.position_embedding.weight", new long[] {(long) v.grid() * v.grid(), vw});
    for (int i = 0; i < v.layers(); i++) hfBlock(m, "vision_model.encoder.layers." + i, vw, v.mlpDim());
    ln(m, "vision_model.post_layernorm", vw);
    m.put("vision_model.head.probe", new long[] {1, 1, vw});
    m.put("vision_model.head.attention.in_proj_weight", new long[] {3L * vw, vw});
    m.put("vision_model.head.attention.in_proj_bias", new long[] {3L * vw});
    linear(m, "vision_model.head.attention.out_proj", vw, vw);
    ln(m, "vision_model.head.layernorm", vw);
    linear(m, "vision_model.head.mlp.fc1", v.mlpDim(), vw);
    linear(m, "vision_model.head.mlp.fc2", vw, v.mlpDim());
    int tw = t.width();
    m.put("text_model.embeddings.token_embedding.weight", new long[] {t.vocab(), tw});
    m.put("text_model.embeddings.position_embedding.weight", new long[] {t.contextLength(), tw});
    for (int i = 0; i < t.layers(); i++) hfBlock(m, "text_model.encoder.layers." + i, tw, t.mlpDim());
    ln(m, "text_model.final_layer_norm", tw);
    linear(m, "text_model.head", tw, tw);
    m.put("logit_bias", new long[0]);
  }

  private static void ln(Map<String, long[]> m, String p, int w) {
    m.put(p + ".weight", new long[] {w});
    m.put(p + ".bias", new long[] {w});
  }

  private static void linear(Map<String, long[]> m, String p, int out, int in) {
    m.put(p + ".weight", new long[] {out, in});
    m.put(p + ".bias", new long[] {out});
  }

  private static void hfBlock(Map<String, long[]> m, String p, int w, int mlp) {
    for (String x : new String[] {"k_proj", "v_proj", "q_proj", "out_proj"}) linear(m, p + ".self_attn." + x, w, w);
    ln(m, p + ".layer_norm1", w);
    linear(m, p + ".mlp.fc1", mlp, w);
    linear(m, p + ".mlp.fc2", w, mlp);
    ln(m, p + ".layer_norm2", w);
  }

  private static void openAiBlock(Map<String, long[]> m, String p, int w, int mlp) {
    ln(m, p + ".ln_1", w);
    m.put(p + ".attn.in_proj_weight", new long[] {3L * w, w});
    m.put(p + ".attn.in_proj_bias", new long[] {3L * w});
    linear(m, p + ".attn.out_proj", w, w);
    ln(m, p + ".ln_2", w);
    linear(m, p + ".mlp.c_fc", mlp, w);
    linear(m, p + ".mlp.c_proj", w, mlp);
  }

  private static void bn(Map<String, long[]> m, String p, int c) {
    for (String x : new String[] {"weight", "bias", "running_mean", "running_var"}) m.put(p + "." + x, new long[] {c});
  }

  private static void conv(Map<String, long[]> m, String p, int out, int in, int k) {
    m.put(p + ".weight", new long[] {out, in, k, k});
  }

  /** open_clip modified_resnet.py: 3-conv stem, four stages of Bottlenecks, AttentionPool2d. */
  private static void resnet(Map<String, long[]> m, CheckpointSpec.Vision v, int e) {
    int w = v.width();
    conv(m, "visual.conv1", w / 2, 3, 3);
    bn(m, "visual.bn1", w / 2);
    conv(m, "visual.conv2", w / 2, w / 2, 3);
    bn(m, "visual.bn2", w / 2);
    conv(m, "visual.conv3", w, w / 2, 3);
    bn(m, "visual.bn3", w);
    int inplanes = w;
    for (int s = 0; s < 4; s++) {
      int planes = w << s;
      for (int b = 0; b < v.resnetLayers()[s]; b++) {
        String p = "visual.layer" + (s + 1) + "." + b;
        int stride = b == 0 && s > 0 ? 2 : 1;
        conv(m, p + ".conv1", planes, inplanes, 1);
        bn(m, p + ".bn1", planes);
        conv(m, p + ".conv2", planes, planes, 3);
        bn(m, p + ".bn2", planes);
        conv(m, p + ".conv3", planes * 4, planes, 1);
        bn(m, p + ".bn3", planes * 4);
        if (stride > 1 || inplanes != planes * 4) {
          conv(m, p + ".downsample.0", planes * 4, inplanes, 1);
          bn(m, p + ".downsample.1", planes * 4);
        }
        inplanes = planes * 4;
      }
    }
    int c = w * 32;
    m.put("visual.attnpool.positional_embedding", new long[] {(long) v.grid() * v.grid() + 1, c});
    for (String x : new String[] {"q_proj", "k_proj", "v_proj"}) linear(m, "visual.attnpool." + x, c, c);
    linear(m, "visual.attnpool.c_proj", e, c);
  }

  /** Whether {@code stage}/{@code block} of a ModifiedResNet has a downsample branch. */
  public static boolean hasDownsample(CheckpointSpec.Vision v, int stage, int block) {
    if (block != 0) return false;
    int inplanes = stage == 0 ? v.width() : (v.width() << (stage - 1)) * 4;
    return stage > 0 || inplanes != v.width() * 4;
  }

  /**
   * Checks the file's header against {@link #expected}: every tensor present with its shape (a
   * {@code logit_scale} of shape [1] is accepted as a scalar) and no tensor the architecture does not
   * use.
   *
   * @throws SafetensorsException listing the missing, misshapen and unexpected tensors, each with the
   *     file and the expected shape
   */
  public static void check(SafetensorsFile f, CheckpointSpec s) {
    Map<String, long[]> want = expected(s);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, long[]> w : want.entrySet()) {
      TensorInfo t = f.tensors().get(w.getKey());
      if ((w.getKey().equals("logit_scale") || w.getKey().equals("logit_bias")) && t != null && t.numel() == 1 && t.shape().length <= 1) continue;
      try {
        f.require(w.getKey(), w.getValue());
      } catch (SafetensorsException e) {
        problems.add(e.getMessage().substring(f.file().toString().length() + 2));
      }
    }
    for (TensorInfo t : f.tensors().values()) {
      if (!want.containsKey(t.name()) && !ignorable(t.name())) {
        problems.add("unexpected tensor '" + t.name() + "' [" + t.shapeText() + "]: not part of " + s.architectureName()
            + " as " + s.config().getFileName() + " describes it");
      }
    }
    if (problems.isEmpty()) return;
    StringBuilder b = new StringBuilder(f.file() + ": does not match " + s.config().getFileName() + " ("
        + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"));
    for (int i = 0; i < Math.min(problems.size(), 20); i++) b.append("\n  - ").append(problems.get(i));
    if (problems.size() > 20) b.append("\n  - ... and ").append(problems.size() - 20).append(" more");
    throw new SafetensorsException(b.toString());
  }
}
