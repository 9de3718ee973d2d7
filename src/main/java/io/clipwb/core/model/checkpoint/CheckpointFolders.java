package io.clipwb.core.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.FileDigests;
import io.clipwb.core.model.ModelCard;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.model.TokenizerSpec;
import io.clipwb.core.model.safetensors.SafetensorsFile;
import io.clipwb.core.model.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a checkpoint folder as a {@link Bundle}: a Hugging Face CLIP or SigLIP folder or an open_clip
 * checkpoint, exactly as the libraries save them (file names in {@code docs/bundles.md}).
 *
 * <p>Why a bundle: everything downstream (runs, caches, projects, the workbench) already speaks
 * bundles. Both tower fields point at the safetensors file; {@code io.clipwb.djl} recognises that
 * and builds the forward passes from the {@link CheckpointSpec} instead of loading TorchScript. The
 * fingerprint covers the weights, the configs, the tokenizer and {@code card.json}.
 */
public final class CheckpointFolders {
  /** Optional file beside a checkpoint with the card fields the config cannot state. */
  public static final String CARD = "card.json";
  /** The tokenizer file of a Hugging Face folder (and of most open_clip hub folders). */
  public static final String TOKENIZER = "tokenizer.json";
  /** OpenAI's BPE vocabulary in the shared folder, for open_clip folders without a tokenizer.json. */
  public static final String SHARED_BPE = "shared:data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz";
  /** The tokenizer kind of a SigLIP folder (read by {@code core.text.SiglipTokenizer}; {@code Tokenizers.SIGLIP}). */
  public static final String SIGLIP_TOKENIZER_KIND = "siglip-sentencepiece";
  /** What the card says where neither the config nor card.json does. */
  public static final String UNKNOWN = "unknown";

  private CheckpointFolders() {}

  /** The layout of {@code dir} when it is a checkpoint folder (and holds no bundle.json). */
  public static Optional<CheckpointSpec.Layout> recognise(Path dir) {
    if (dir == null || !Files.isDirectory(dir) || Files.isRegularFile(dir.resolve(BundleLoader.FILE_NAME))) return Optional.empty();
    if (OpenClipConfig.recognises(dir)) return Optional.of(CheckpointSpec.Layout.OPEN_CLIP);
    if (HfClipConfig.recognises(dir)) {
      return Optional.of(HfClipConfig.modelType(dir).equals("siglip") ? CheckpointSpec.Layout.HF_SIGLIP : CheckpointSpec.Layout.HF_CLIP);
    }
    return Optional.empty();
  }

  /** Whether {@code b} was opened from a checkpoint folder (its towers are a safetensors file). */
  public static boolean isCheckpoint(Bundle b) {
    return b.imageEncoder().getFileName().toString().endsWith(".safetensors") && recognise(b.dir()).isPresent();
  }

  /**
   * The architecture of the checkpoint folder {@code dir}.
   *
   * @throws BundleException naming the file and field when the folder is not a checkpoint or its
   *     config cannot be honoured
   */
  public static CheckpointSpec spec(Path dir) {
    Path folder = dir.toAbsolutePath().normalize();
    CheckpointSpec.Layout l = recognise(folder).orElseThrow(() -> new BundleException(folder + ": not a checkpoint folder (expected "
        + OpenClipConfig.CONFIG + " + " + OpenClipConfig.WEIGHTS + ", or " + HfClipConfig.CONFIG + " + " + HfClipConfig.WEIGHTS + ")"));
    return switch (l) {
      case OPEN_CLIP -> OpenClipConfig.read(folder);
      case HF_SIGLIP -> HfSiglipConfig.read(folder);
      case HF_CLIP -> HfClipConfig.read(folder);
    };
  }

  /**
   * Opens {@code dir} as a bundle: config, preprocessing, tokenizer, card, and every tensor's name
   * and shape checked against the config (header only; no weights are read but {@code logit_scale}).
   *
   * @throws BundleException naming the file, field or tensor at fault
   */
  public static Bundle load(Path dir, FileDigests digests) {
    CheckpointSpec spec = spec(dir);
    Path folder = spec.folder();
    float logitScale;
    float logitBias = 0f;
    try (SafetensorsFile f = SafetensorsFile.open(spec.weights())) {
      TensorLayout.check(f, spec);
      TensorInfo ls = f.tensors().get("logit_scale");
      logitScale = (float) Math.exp(f.floats(ls)[0]);
      // SiglipModel.forward: logits = cos * logit_scale.exp() + logit_bias
      if (spec.layout() == CheckpointSpec.Layout.HF_SIGLIP) logitBias = f.floats(f.tensors().get("logit_bias"))[0];
    }
    Preprocessing pre = switch (spec.layout()) {
      case OPEN_CLIP -> OpenClipConfig.preprocessing(folder, spec);
      case HF_SIGLIP -> HfSiglipConfig.preprocessing(folder, spec);
      case HF_CLIP -> HfClipConfig.preprocessing(folder, spec);
    };
    TokenizerSpec tok = tokenizer(folder, spec);
    ModelCard card = card(folder, spec);
    Map<String, Path> parts = new LinkedHashMap<>();
    parts.put("config", spec.config());
    parts.put("weights", spec.weights());
    Path prep = folder.resolve(HfClipConfig.PREPROCESSOR);
    if (spec.layout() != CheckpointSpec.Layout.OPEN_CLIP && Files.isRegularFile(prep)) parts.put("preprocessor", prep);
    if (!tok.file().startsWith("shared:")) parts.put("tokenizer", folder.resolve(tok.file()));
    Path tokConfig = folder.resolve(HfSiglipConfig.TOKENIZER_CONFIG);
    if (spec.layout() == CheckpointSpec.Layout.HF_SIGLIP && Files.isRegularFile(tokConfig)) parts.put("tokenizer_config", tokConfig);
    if (Files.isRegularFile(folder.resolve(CARD))) parts.put("card", folder.resolve(CARD));
    String fingerprint;
    try {
      fingerprint = BundleLoader.fingerprint(parts, digests);
    } catch (java.io.UncheckedIOException e) {
      throw new BundleException(folder + ": a checkpoint file cannot be read for the fingerprint: " + e.getMessage(), e);
    }
    String name = cardText(folder, "name", folder.getFileName().toString());
    return new Bundle(folder, name, spec.weights(), spec.weights(), Optional.empty(), new int[0], spec.embedDim(), logitScale,
        pre, tok, card, fingerprint, logitBias);
  }

  static TokenizerSpec tokenizer(Path folder, CheckpointSpec spec) {
    Path file = folder.resolve(TOKENIZER);
    int ctx = spec.text().contextLength();
    if (spec.layout() == CheckpointSpec.Layout.HF_SIGLIP) return siglipTokenizer(folder, spec);
    if (Files.isRegularFile(file)) {
      JsonNode root;
      try {
        root = Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(file));
      } catch (IOException e) {
        throw new BundleException(file + ": cannot be read as JSON: " + e.getMessage(), e);
      }
      Integer sot = null;
      Integer eot = null;
      for (JsonNode t : root.path("added_tokens")) {
        if (t.path("content").asText().equals("<|startoftext|>")) sot = t.path("id").asInt();
        if (t.path("content").asText().equals("<|endoftext|>")) eot = t.path("id").asInt();
      }
      JsonNode vocab = root.path("model").path("vocab");
      if (sot == null && vocab.has("<|startoftext|>")) sot = vocab.get("<|startoftext|>").asInt();
      if (eot == null && vocab.has("<|endoftext|>")) eot = vocab.get("<|endoftext|>").asInt();
      if (sot == null || eot == null) throw new BundleException(file + ": no <|startoftext|> / <|endoftext|> token: not a CLIP tokenizer");
      if (eot >= spec.text().vocab()) {
        throw new BundleException(file + ": <|endoftext|> is id " + eot + ", outside the text tower's " + spec.text().vocab() + " token embeddings");
      }
      return new TokenizerSpec("hf-tokenizer-json", TOKENIZER, ctx, sot, eot);
    }
    if (spec.text().vocab() == 49408) return new TokenizerSpec("openai-clip-bpe", SHARED_BPE, ctx, 49406, 49407);
    throw new BundleException(folder + ": no " + TOKENIZER + ", and the text tower's vocabulary (" + spec.text().vocab()
        + " tokens) is not OpenAI CLIP's 49408: cannot tell which tokenizer it was trained with");
  }

  /**
   * SigLIP's SentencePiece tokenizer ({@code spiece.model}, {@code tokenizer_config.json}): read here
   * once so that a foreign or truncated file, or one whose ids do not fit the text tower, is refused
   * when the folder is opened.
   */
  private static TokenizerSpec siglipTokenizer(Path folder, CheckpointSpec spec) {
    Path file = folder.resolve(HfSiglipConfig.TOKENIZER);
    int ctx = spec.text().contextLength();
    if (!Files.isRegularFile(file)) {
      throw new BundleException(folder + ": no " + HfSiglipConfig.TOKENIZER + ": a SigLIP folder needs its SentencePiece tokenizer"
          + " (a tokenizer.json alone is not read for SigLIP)");
    }
    io.clipwb.core.sentencepiece.SentencePieceModel sp;
    try {
      sp = io.clipwb.core.sentencepiece.SentencePieceModel.load(file, false);
    } catch (IOException | IllegalArgumentException e) {
      throw new BundleException(file + ": cannot be read as a SentencePiece model: " + e.getMessage(), e);
    }
    int eos = siglipEos(folder, sp);
    if (sp.size() > spec.text().vocab() || eos >= spec.text().vocab()) {
      throw new BundleException(file + ": has " + sp.size() + " pieces (eos " + eos + "), more than the text tower's "
          + spec.text().vocab() + " token embeddings");
    }
    return new TokenizerSpec(SIGLIP_TOKENIZER_KIND, HfSiglipConfig.TOKENIZER, ctx, -1, eos);
  }

  /** The EOS id as SiglipTokenizer finds it: tokenizer_config.json's eos_token (default {@code </s>}), added tokens first. */
  private static int siglipEos(Path folder, io.clipwb.core.sentencepiece.SentencePieceModel sp) {
    Path cfg = folder.resolve(HfSiglipConfig.TOKENIZER_CONFIG);
    if (!Files.isRegularFile(cfg)) return sp.pieceToId("</s>");
    JsonNode root;
    try {
      root = Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(cfg));
    } catch (IOException e) {
      throw new BundleException(cfg + ": not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw new BundleException(cfg + ": must hold a JSON object");
    JsonNode e = root.get("eos_token");
    String eos = e != null && e.isTextual() ? e.asText() : e != null && e.has("content") ? e.get("content").asText() : "</s>";
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = root.path("added_tokens_decoder").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      if (t.getValue().path("content").asText().equals(eos)) {
        try {
          return Integer.parseInt(t.getKey());
        } catch (NumberFormatException x) {
          throw new BundleException(cfg + ": field 'added_tokens_decoder' has a non-numeric id \"" + t.getKey() + "\"");
        }
      }
    }
    return sp.pieceToId(eos);
  }

  /**
   * The model card: architecture from the config, loss {@code softmax-infonce} (CLIP) or
   * {@code sigmoid} (SigLIP), and the rest
   * from {@code card.json} when present, else {@value #UNKNOWN} (training samples 0 = unknown).
   */
  static ModelCard card(Path folder, CheckpointSpec spec) {
    String family = spec.vision().resnet() ? "ResNet" : "ViT";
    return new ModelCard(family, cardText(folder, "architecture_name", spec.architectureName()),
        cardText(folder, "training_data", UNKNOWN), cardLong(folder, "training_samples"),
        cardText(folder, "fine_tuning", UNKNOWN), cardText(folder, "loss", spec.layout() == CheckpointSpec.Layout.HF_SIGLIP ? "sigmoid" : "softmax-infonce"), cardText(folder, "prompts", UNKNOWN));
  }

  static JsonNode cardJson(Path folder) {
    Path f = folder.resolve(CARD);
    if (!Files.isRegularFile(f)) return null;
    try {
      JsonNode n = Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(f));
      if (n == null || !n.isObject()) throw new BundleException(f + ": must hold a JSON object");
      return n;
    } catch (IOException e) {
      throw new BundleException(f + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  static String cardText(Path folder, String key, String def) {
    JsonNode n = cardJson(folder);
    if (n == null || !n.has(key) || n.get(key).isNull()) return def;
    if (!n.get(key).isTextual() || n.get(key).asText().isBlank()) {
      throw new BundleException(folder.resolve(CARD) + ": field '" + key + "' must be a non-empty string");
    }
    return n.get(key).asText();
  }

  private static long cardLong(Path folder, String key) {
    JsonNode n = cardJson(folder);
    if (n == null || !n.has(key) || n.get(key).isNull()) return 0;
    if (!n.get(key).isIntegralNumber() || n.get(key).asLong() < 0) {
      throw new BundleException(folder.resolve(CARD) + ": field '" + key + "' must be an integer >= 0");
    }
    return n.get(key).asLong();
  }
}
