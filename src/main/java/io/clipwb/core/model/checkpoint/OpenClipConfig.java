package io.clipwb.core.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.model.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * An open_clip checkpoint folder's {@code open_clip_config.json} ({@code model_cfg},
 * {@code preprocess_cfg}: what {@code open_clip.push_to_hf_hub} writes), with the defaults of open_clip's
 * {@code CLIPVisionCfg} / {@code CLIPTextCfg} (model.py). Fields that change the forward pass in a way
 * the direct loader does not implement (layer scale, attentional pooling, custom blocks, timm or HF
 * towers, ...) are refused by name, and so is any field this reader does not know.
 */
final class OpenClipConfig {
  static final String CONFIG = "open_clip_config.json";
  static final String WEIGHTS = "open_clip_model.safetensors";

  private static final Set<String> MODEL_KEYS = Set.of("embed_dim", "quick_gelu", "vision_cfg", "text_cfg", "cast_dtype",
      "init_logit_scale", "init_logit_bias", "custom_text", "output_dict", "nonscalar_logit_scale");
  private static final Set<String> VISION_KEYS = Set.of("layers", "width", "head_width", "mlp_ratio", "patch_size",
      "image_size", "image_seq_len", "ls_init_value", "patch_dropout", "attentional_pool", "attn_pooler_queries",
      "attn_pooler_heads", "no_ln_pre", "pos_embed_type", "final_ln_after_pool", "pool_type", "output_tokens",
      "act_kwargs", "norm_kwargs", "block_type", "qk_norm", "scaled_cosine_attn", "scale_heads", "scale_attn_inner",
      "scale_attn", "scale_fc", "timm_model_name", "timm_model_pretrained", "timm_pool", "timm_proj", "timm_proj_bias",
      "timm_drop", "timm_drop_path", "timm_model_kwargs");
  private static final Set<String> TEXT_KEYS = Set.of("text_arch", "context_length", "variable_text", "vocab_size",
      "hf_tokenizer_name", "tokenizer_mode", "tokenizer_kwargs", "width", "heads", "layers", "mlp_ratio", "ls_init_value",
      "embed_cls", "pad_id", "bos_id", "eos_id", "tokenizer_type", "tiktoken_name", "no_causal_mask", "final_ln_after_pool",
      "pool_type", "proj_bias", "proj_type", "output_tokens", "act_kwargs", "norm_kwargs", "block_type", "qk_norm",
      "scaled_cosine_attn", "scale_heads", "scale_attn_inner", "scale_attn", "scale_fc", "hf_model_name",
      "hf_model_pretrained", "hf_proj_type", "hf_pooler_type");

  private OpenClipConfig() {}

  static CheckpointSpec read(Path folder) {
    ConfigReader root = ConfigReader.open(folder.resolve(CONFIG));
    if (!root.has("model_cfg")) throw root.fail("model_cfg", "is missing (open_clip_config.json must hold model_cfg)");
    ConfigReader m = root.child("model_cfg");
    known(m, MODEL_KEYS);
    m.only("custom_text", false, "custom text towers (CoCa, SigLIP, HF text encoders)");
    ConfigReader v = m.child("vision_cfg");
    ConfigReader t = m.child("text_cfg");
    known(v, VISION_KEYS);
    known(t, TEXT_KEYS);
    for (String k : new String[] {"ls_init_value", "act_kwargs", "norm_kwargs", "timm_model_name"}) v.only(k, "null", "not implemented");
    for (String k : new String[] {"attentional_pool", "no_ln_pre", "qk_norm", "scaled_cosine_attn", "scale_heads",
        "scale_attn_inner", "scale_attn", "scale_fc"}) v.only(k, false, "not implemented");
    v.only("pos_embed_type", "learnable", "only learned position embeddings");
    v.only("pool_type", "tok", "only class-token pooling");
    v.only("block_type", "default", "only the default residual block");
    for (String k : new String[] {"ls_init_value", "act_kwargs", "norm_kwargs", "hf_model_name"}) t.only(k, "null", "not implemented");
    for (String k : new String[] {"embed_cls", "no_causal_mask", "proj_bias", "variable_text", "qk_norm", "scaled_cosine_attn",
        "scale_heads", "scale_attn_inner", "scale_attn", "scale_fc"}) t.only(k, false, "not implemented");
    t.only("proj_type", "linear", "only a linear text projection");
    t.only("text_arch", "clip", "only CLIP's text transformer");
    t.only("block_type", "default", "only the default residual block");

    String act = m.bool("quick_gelu", false) ? "quick_gelu" : "gelu"; // model.py _build_*_tower: QuickGELU if quick_gelu else nn.GELU
    int embed = m.integer("embed_dim", 512);
    if (embed <= 0) throw m.fail("embed_dim", "must be positive");
    int size = v.integer("image_size", 224);
    int vw = v.integer("width", 768);
    int headWidth = v.integer("head_width", 64);
    CheckpointSpec.Vision vision;
    JsonNode layers = v.node.get("layers");
    if (layers != null && layers.isArray()) {
      if (layers.size() != 4) throw v.fail("layers", "must be 4 stage depths for a ModifiedResNet, got " + layers);
      int[] l = new int[4];
      int sum = 0;
      for (int i = 0; i < 4; i++) {
        l[i] = layers.get(i).asInt();
        if (l[i] <= 0) throw v.fail("layers", "must be 4 positive stage depths, got " + layers);
        sum += l[i];
      }
      if (size % 32 != 0) throw v.fail("image_size", "(" + size + ") must be a multiple of 32 for a ModifiedResNet");
      int heads = headWidth <= 0 ? 0 : vw * 32 / headWidth; // model.py l.200
      vision = new CheckpointSpec.Vision(true, size, 0, vw, sum, l, ConfigReader.heads(v, "head_width", vw * 32, heads), 0, "relu", 1e-5);
    } else {
      int patch = v.integer("patch_size", 16);
      if (patch <= 0 || size % patch != 0) throw v.fail("patch_size", "(" + patch + ") must divide image_size (" + size + ")");
      int heads = headWidth <= 0 ? 0 : vw / headWidth;
      vision = new CheckpointSpec.Vision(false, size, patch, vw, v.integer("layers", 12), new int[0],
          ConfigReader.heads(v, "head_width", vw, heads), (int) (vw * v.number("mlp_ratio", 4.0)), act, 1e-5);
    }
    int tw = t.integer("width", 512);
    String pool = t.text("pool_type", "argmax");
    if (!Set.of("argmax", "eos", "first", "last").contains(pool)) throw t.fail("pool_type", "is \"" + pool + "\": not supported");
    int eos = t.has("eos_id") ? t.integer("eos_id", -1) : -1;
    if (pool.equals("eos") && eos < 0) throw t.fail("eos_id", "is needed with pool_type \"eos\"");
    CheckpointSpec.Text text = new CheckpointSpec.Text(t.integer("vocab_size", 49408), t.integer("context_length", 77), tw,
        t.integer("layers", 12), ConfigReader.heads(t, "heads", tw, t.integer("heads", 8)), (int) (tw * t.number("mlp_ratio", 4.0)),
        act, 1e-5, pool, eos);
    return new CheckpointSpec(CheckpointSpec.Layout.OPEN_CLIP, folder, folder.resolve(WEIGHTS), folder.resolve(CONFIG), vision, text, embed);
  }

  private static void known(ConfigReader r, Set<String> keys) {
    for (Iterator<String> it = r.node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k)) throw r.fail(k, "is an unknown architecture field: the direct loader cannot tell what it changes");
    }
  }

  /**
   * {@code preprocess_cfg} as open_clip's {@code image_transform} (eval) reads it: resize the shortest
   * side ({@code resize_mode} "shortest", the default) to {@code size}, center crop, normalise.
   */
  static Preprocessing preprocessing(Path folder, CheckpointSpec spec) {
    ConfigReader root = ConfigReader.open(folder.resolve(CONFIG));
    ConfigReader p = root.child("preprocess_cfg");
    int s = spec.vision().imageSize();
    int size = s;
    if (p.has("size")) {
      JsonNode v = p.node.get("size");
      if (v.isArray()) {
        if (v.size() != 2 || v.get(0).asInt() != v.get(1).asInt()) throw p.fail("size", "must be square, got " + v);
        size = v.get(0).asInt();
      } else {
        size = p.integer("size", s);
      }
    }
    if (size != s) throw p.fail("size", "is " + size + " px, but the vision tower takes " + s);
    p.only("resize_mode", "shortest", "the core resizes the shortest side, then center crops");
    String interp = p.text("interpolation", "bicubic");
    Preprocessing.Interpolation in = switch (interp) {
      case "bicubic" -> Preprocessing.Interpolation.BICUBIC;
      case "bilinear" -> Preprocessing.Interpolation.BILINEAR;
      default -> throw p.fail("interpolation", "is \"" + interp + "\": only bicubic and bilinear are supported");
    };
    return new Preprocessing(s, s, in, true, p.floats3("mean", Preprocessing.CLIP_MEAN), p.floats3("std", Preprocessing.CLIP_STD));
  }

  static boolean recognises(Path folder) {
    return Files.isRegularFile(folder.resolve(CONFIG)) && Files.isRegularFile(folder.resolve(WEIGHTS));
  }
}
