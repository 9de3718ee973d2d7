package io.clipwb.core.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.FileDigests;
import io.clipwb.core.model.FolderFormat;
import io.clipwb.core.model.ModelCard;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.model.TokenizerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face CLIP folder as transformers.js publishes it — {@code config.json},
 * {@code preprocessor_config.json}, {@code tokenizer.json} and the towers as ONNX graphs
 * {@code onnx/vision_model.onnx} ({@code CLIPVisionModelWithProjection}: {@code pixel_values} →
 * {@code image_embeds}) and {@code onnx/text_model.onnx} ({@code CLIPTextModelWithProjection}:
 * {@code input_ids} [+ {@code attention_mask}] → {@code text_embeds}) — opened as it is, as a
 * {@link Bundle} whose towers are those two files (run by ONNX Runtime in {@code io.clipwb.djl}).
 *
 * <p>Why here: the configuration is read exactly as for a safetensors {@code CLIPModel} folder
 * ({@link HfClipConfig}: sizes, preprocessing, tokenizer, card); only the weights differ. A folder that
 * also holds {@code model.safetensors} opens directly from the safetensors ({@link CheckpointFormat})
 * instead. The graphs hold no {@code logit_scale}: it is taken from {@code card.json}'s
 * {@code logit_scale} (the temperature exp(t), e.g. 100 for OpenAI CLIP) and is otherwise 100, CLIP's
 * clamp, which every released OpenAI and open_clip model reaches (a warning says so). Graph inputs and
 * outputs are checked by name when the towers are loaded ({@code core.model.onnx.OnnxTower}).
 */
public final class TransformersJsFormat implements FolderFormat {
  private static final Logger LOG = LoggerFactory.getLogger(TransformersJsFormat.class);

  /** The vision graph, relative to the folder. */
  public static final String VISION = "onnx/vision_model.onnx";
  /** The text graph, relative to the folder. */
  public static final String TEXT = "onnx/text_model.onnx";
  /** The temperature assumed when card.json states none: CLIP's learned scale is clamped at 100. */
  public static final float DEFAULT_LOGIT_SCALE = 100f;

  @Override
  public boolean recognises(Path folder) {
    return folder != null && Files.isDirectory(folder) && !Files.isRegularFile(folder.resolve(BundleLoader.FILE_NAME))
        && Files.isRegularFile(folder.resolve(HfClipConfig.CONFIG)) && !Files.isRegularFile(folder.resolve(HfClipConfig.WEIGHTS))
        && Files.isRegularFile(folder.resolve(VISION)) && Files.isRegularFile(folder.resolve(TEXT));
  }

  @Override
  public Bundle load(Path dir, FileDigests digests) {
    Path folder = dir.toAbsolutePath().normalize();
    CheckpointSpec spec = HfClipConfig.read(folder);
    Preprocessing pre = HfClipConfig.preprocessing(folder, spec);
    TokenizerSpec tok = CheckpointFolders.tokenizer(folder, spec);
    ModelCard card = CheckpointFolders.card(folder, spec);
    float logitScale = logitScale(folder);
    Map<String, Path> parts = new LinkedHashMap<>();
    parts.put("config", spec.config());
    parts.put("image_encoder", folder.resolve(VISION));
    parts.put("text_encoder", folder.resolve(TEXT));
    Path prep = folder.resolve(HfClipConfig.PREPROCESSOR);
    if (Files.isRegularFile(prep)) parts.put("preprocessor", prep);
    if (!tok.file().startsWith("shared:")) parts.put("tokenizer", folder.resolve(tok.file()));
    if (Files.isRegularFile(folder.resolve(CheckpointFolders.CARD))) parts.put("card", folder.resolve(CheckpointFolders.CARD));
    String fingerprint;
    try {
      fingerprint = BundleLoader.fingerprint(parts, digests);
    } catch (java.io.UncheckedIOException e) {
      throw new BundleException(folder + ": a file cannot be read for the fingerprint: " + e.getMessage(), e);
    }
    String name = CheckpointFolders.cardText(folder, "name", folder.getFileName().toString());
    return new Bundle(folder, name, folder.resolve(VISION), folder.resolve(TEXT), Optional.empty(), new int[0], spec.embedDim(),
        logitScale, pre, tok, card, fingerprint);
  }

  private static float logitScale(Path folder) {
    JsonNode card = CheckpointFolders.cardJson(folder);
    if (card == null || !card.has("logit_scale") || card.get("logit_scale").isNull()) {
      LOG.warn("{}: the ONNX graphs hold no logit scale and {} states none; using {} (CLIP's clamp) for the softmax temperature",
          folder, CheckpointFolders.CARD, DEFAULT_LOGIT_SCALE);
      return DEFAULT_LOGIT_SCALE;
    }
    JsonNode n = card.get("logit_scale");
    if (!n.isNumber() || !(n.asDouble() > 0) || Double.isInfinite(n.asDouble())) {
      throw new BundleException(folder.resolve(CheckpointFolders.CARD) + ": field 'logit_scale' must be a number > 0 (the temperature exp(t)), got " + n);
    }
    return (float) n.asDouble();
  }
}
