package io.clipwb.core.model.checkpoint;

import io.clipwb.core.model.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face {@code CLIPModel} folder's {@code config.json} and {@code preprocessor_config.json},
 * with the defaults of transformers' {@code configuration_clip.py} ({@code CLIPTextConfig},
 * {@code CLIPVisionConfig}: a folder written by {@code save_pretrained} states only the fields that
 * differ from them). Older configs' {@code text_config_dict}/{@code vision_config_dict} override
 * {@code text_config}/{@code vision_config}, as {@code CLIPConfig.__init__} does.
 */
final class HfClipConfig {
  private static final Logger LOG = LoggerFactory.getLogger(HfClipConfig.class);

  static final String CONFIG = "config.json";
  static final String WEIGHTS = "model.safetensors";
  static final String PREPROCESSOR = "preprocessor_config.json";

  private HfClipConfig() {}

  static CheckpointSpec read(Path folder) {
    ConfigReader root = ConfigReader.open(folder.resolve(CONFIG));
    String type = root.text("model_type", "");
    if (!type.equals("clip")) {
      throw root.fail("model_type", "is \"" + type + "\": the direct loader opens Hugging Face folders of model_type \"clip\" and \"siglip\"");
    }
    ConfigReader t = merged(root, "text_config");
    ConfigReader v = merged(root, "vision_config");
    int tw = t.integer("hidden_size", 512);
    int vw = v.integer("hidden_size", 768);
    v.only("num_channels", 3, "RGB input");
    int eos = t.integer("eos_token_id", 49407);
    CheckpointSpec.Text text = new CheckpointSpec.Text(
        t.integer("vocab_size", 49408), t.integer("max_position_embeddings", 77), tw, t.integer("num_hidden_layers", 12),
        ConfigReader.heads(t, "num_attention_heads", tw, t.integer("num_attention_heads", 8)),
        t.integer("intermediate_size", 2048), ConfigReader.act(t, "hidden_act", t.text("hidden_act", "quick_gelu")),
        t.number("layer_norm_eps", 1e-5),
        // modeling_clip.py CLIPTextTransformer.forward: eos_token_id == 2 keeps the old argmax rule
        eos == 2 ? "argmax" : "eos", eos == 2 ? -1 : eos);
    int patch = v.integer("patch_size", 32);
    int size = v.integer("image_size", 224);
    if (patch <= 0 || size % patch != 0) throw v.fail("patch_size", "(" + patch + ") must divide image_size (" + size + ")");
    CheckpointSpec.Vision vision = new CheckpointSpec.Vision(false, size, patch, vw, v.integer("num_hidden_layers", 12),
        new int[0], ConfigReader.heads(v, "num_attention_heads", vw, v.integer("num_attention_heads", 12)),
        v.integer("intermediate_size", 3072), ConfigReader.act(v, "hidden_act", v.text("hidden_act", "quick_gelu")),
        v.number("layer_norm_eps", 1e-5));
    int proj = root.integer("projection_dim", 512);
    return new CheckpointSpec(CheckpointSpec.Layout.HF_CLIP, folder, folder.resolve(WEIGHTS), folder.resolve(CONFIG), vision, text, proj);
  }

  static ConfigReader merged(ConfigReader root, String key) {
    ConfigReader base = root.child(key);
    if (!root.has(key + "_dict")) return base;
    com.fasterxml.jackson.databind.node.ObjectNode m = base.node.deepCopy();
    m.setAll((com.fasterxml.jackson.databind.node.ObjectNode) root.child(key + "_dict").node);
    return new ConfigReader(root.file, key + ".", m);
  }

  /**
   * {@code preprocessor_config.json} as {@code CLIPImageProcessor} reads it: resize the shortest edge
   * to {@code size.shortest_edge} (or, with {@code size = {height, width}}, to exactly that size) with
   * {@code resample} (2 bilinear, 3 bicubic), center crop to {@code crop_size}, rescale by 1/255,
   * normalise with {@code image_mean}/{@code image_std}. Without the file: OpenAI CLIP's settings at
   * the vision tower's {@code image_size}.
   */
  static Preprocessing preprocessing(Path folder, CheckpointSpec spec) {
    Path file = folder.resolve(PREPROCESSOR);
    int s = spec.vision().imageSize();
    if (!Files.isRegularFile(file)) {
      LOG.warn("{}: no {}; using OpenAI CLIP's preprocessing at {} px", folder, PREPROCESSOR, s);
      return Preprocessing.clip(s);
    }
    return imageProcessor(ConfigReader.open(file), s, true, Preprocessing.CLIP_MEAN, Preprocessing.CLIP_STD);
  }

  /**
   * The fields {@code CLIPImageProcessor} and {@code SiglipImageProcessor} share. A fixed
   * {@code {height, width}} resize (no aspect ratio kept; transformers' {@code image_transforms.resize}
   * through PIL's {@code Image.resize}) is the core's resize-without-crop, so it is accepted when the
   * image ends square at the tower's size: without a crop, or with a crop of that same size.
   *
   * @param cropByDefault {@code do_center_crop} when the file does not say (SigLIP's processor has no crop)
   */
  static Preprocessing imageProcessor(ConfigReader p, int s, boolean cropByDefault, float[] mean, float[] std) {
    p.only("do_resize", true, "images are always resized");
    p.only("do_rescale", true, "pixels are always scaled to [0, 1]");
    if (p.has("rescale_factor") && Math.abs(p.number("rescale_factor", 1 / 255.0) - 1 / 255.0) > 1e-9) {
      throw p.fail("rescale_factor", "must be 1/255");
    }
    p.only("do_normalize", true, "images are always normalised");
    int resample = p.integer("resample", 3);
    Preprocessing.Interpolation interp = switch (resample) {
      case 2 -> Preprocessing.Interpolation.BILINEAR;
      case 3 -> Preprocessing.Interpolation.BICUBIC;
      default -> throw p.fail("resample", "is " + resample + ": only 2 (bilinear) and 3 (bicubic) are supported");
    };
    float[] m = p.floats3("image_mean", mean);
    float[] sd = p.floats3("image_std", std);
    boolean crop = p.bool("do_center_crop", cropByDefault);
    if (p.has("size") && p.node.get("size").isObject() && !p.child("size").has("shortest_edge")) {
      ConfigReader size = p.child("size");
      if (!size.has("height") || !size.has("width")) throw p.fail("size", "has neither shortest_edge nor height and width");
      int h = size.integer("height", s);
      int w = size.integer("width", s);
      if (h != w) throw p.fail("size", "is " + h + " x " + w + " (height x width): only a square resize is supported");
      if (crop) {
        int c = edge(p, "crop_size", "height", h);
        if (c != h || (p.has("crop_size") && p.node.get("crop_size").isObject() && p.child("crop_size").integer("width", c) != c)) {
          throw p.fail("crop_size", "differs from the " + h + " x " + w + " resize: a crop after a fixed-size resize is not supported");
        }
      }
      if (h != s) throw p.fail("size", "gives " + h + " px, but the vision tower takes " + s);
      // resized straight to s x s: the core's resize without crop (PIL's Image.resize, antialiased)
      return new Preprocessing(s, s, interp, false, m, sd);
    }
    int resize = edge(p, "size", "shortest_edge", s);
    int cropSize = crop ? edge(p, "crop_size", "height", resize) : resize;
    if (crop && p.has("crop_size") && p.node.get("crop_size").isObject()
        && p.child("crop_size").integer("width", cropSize) != cropSize) {
      throw p.fail("crop_size", "must be square");
    }
    if (cropSize != s) throw p.fail(crop ? "crop_size" : "size", "gives " + cropSize + " px, but the vision tower takes " + s);
    if (resize < cropSize) throw p.fail("size", "(" + resize + ") is smaller than the crop (" + cropSize + ")");
    return new Preprocessing(cropSize, resize, interp, crop, m, sd);
  }

  private static int edge(ConfigReader p, String key, String sub, int def) {
    if (!p.has(key)) return def;
    if (p.node.get(key).isIntegralNumber()) return p.integer(key, def);
    ConfigReader c = p.child(key);
    if (c.has(sub)) return c.integer(sub, def);
    throw p.fail(key, "has no " + sub);
  }

  static boolean recognises(Path folder) {
    return Files.isRegularFile(folder.resolve(CONFIG)) && Files.isRegularFile(folder.resolve(WEIGHTS));
  }

  /** The {@code model_type} of the folder's config.json, or "" when it cannot be read (reported later). */
  static String modelType(Path folder) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = io.clipwb.core.io.Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(folder.resolve(CONFIG)));
      return n != null && n.path("model_type").isTextual() ? n.get("model_type").asText() : "";
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }
}
