package io.clipwb.core.model.checkpoint;

import io.clipwb.core.model.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face {@code SiglipModel} folder's {@code config.json} and {@code preprocessor_config.json},
 * with the defaults of transformers' {@code configuration_siglip.py} ({@code SiglipTextConfig},
 * {@code SiglipVisionConfig}) and {@code image_processing_siglip.py} ({@code SiglipImageProcessor}:
 * resize to {@code {height, width}}, no crop, mean and std 0.5).
 *
 * <p>Why separate from {@link HfClipConfig}: the defaults differ (tanh GELU, LayerNorm eps 1e-6,
 * 64 text positions), and the architecture has no projections — both towers end at their own width,
 * which must therefore agree.
 */
final class HfSiglipConfig {
  static final String TOKENIZER = "spiece.model";
  static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  private static final float[] HALF = {0.5f, 0.5f, 0.5f};

  private HfSiglipConfig() {}

  static CheckpointSpec read(Path folder) {
    ConfigReader root = ConfigReader.open(folder.resolve(HfClipConfig.CONFIG));
    ConfigReader t = root.child("text_config");
    ConfigReader v = root.child("vision_config");
    v.only("num_channels", 3, "RGB input");
    v.only("vision_use_head", true, "image embeddings are the attention-pooling head's output");
    int tw = t.integer("hidden_size", 768);
    int vw = v.integer("hidden_size", 768);
    if (tw != vw) {
      throw t.fail("hidden_size", "(" + tw + ") differs from vision_config.hidden_size (" + vw + "): SigLIP compares the towers' outputs directly");
    }
    CheckpointSpec.Text text = new CheckpointSpec.Text(
        t.integer("vocab_size", 32000), t.integer("max_position_embeddings", 64), tw, t.integer("num_hidden_layers", 12),
        ConfigReader.heads(t, "num_attention_heads", tw, t.integer("num_attention_heads", 12)),
        t.integer("intermediate_size", 3072), ConfigReader.act(t, "hidden_act", t.text("hidden_act", "gelu_pytorch_tanh")),
        t.number("layer_norm_eps", 1e-6),
        // modeling_siglip.py SiglipTextTransformer.forward: pooled_output = last_hidden_state[:, -1, :]
        "last", -1);
    int patch = v.integer("patch_size", 16);
    int size = v.integer("image_size", 224);
    if (patch <= 0 || size % patch != 0) throw v.fail("patch_size", "(" + patch + ") must divide image_size (" + size + ")");
    CheckpointSpec.Vision vision = new CheckpointSpec.Vision(false, size, patch, vw, v.integer("num_hidden_layers", 12),
        new int[0], ConfigReader.heads(v, "num_attention_heads", vw, v.integer("num_attention_heads", 12)),
        v.integer("intermediate_size", 3072), ConfigReader.act(v, "hidden_act", v.text("hidden_act", "gelu_pytorch_tanh")),
        v.number("layer_norm_eps", 1e-6));
    return new CheckpointSpec(CheckpointSpec.Layout.HF_SIGLIP, folder, folder.resolve(HfClipConfig.WEIGHTS),
        folder.resolve(HfClipConfig.CONFIG), vision, text, tw);
  }

  /**
   * {@code preprocessor_config.json} as {@code SiglipImageProcessor} reads it; without the file its
   * defaults: bicubic resize to the tower's size, no crop, mean and std 0.5.
   */
  static Preprocessing preprocessing(Path folder, CheckpointSpec spec) {
    Path file = folder.resolve(HfClipConfig.PREPROCESSOR);
    int s = spec.vision().imageSize();
    if (!Files.isRegularFile(file)) return new Preprocessing(s, s, Preprocessing.Interpolation.BICUBIC, false, HALF.clone(), HALF.clone());
    ConfigReader p = ConfigReader.open(file);
    if (!p.has("size")) {
      // SiglipImageProcessor's default size is {height: 224, width: 224}
      if (s != 224) throw p.fail("size", "is missing (SiglipImageProcessor's default: 224 x 224), but the vision tower takes " + s);
    }
    return HfClipConfig.imageProcessor(p, s, false, HALF, HALF);
  }
}
