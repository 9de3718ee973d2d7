package io.clipwb.core.text;

import io.clipwb.core.util.BoundedCache;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.TokenizerSpec;
import io.clipwb.core.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Creates the tokenizer a bundle names ({@link TokenizerSpec}): kinds {@code openai-clip-bpe}
 * ({@link OpenAiClipTokenizer}), {@code hf-tokenizer-json} ({@link HfTokenizerJson}),
 * {@code word-vocab} ({@link WordVocabTokenizer}) and, for SigLIP checkpoint folders,
 * {@code siglip-sentencepiece} ({@link SiglipTokenizer}, with the folder's {@code tokenizer_config.json}).
 *
 * <p>{@code file} is relative to the bundle folder, or, with the prefix {@code shared:}, relative
 * to the shared folder's root ({@link SharedData#root()}), e.g.
 * {@code shared:data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz} — so bundles for real CLIP models
 * need not carry a copy of OpenAI's vocabulary. Loaded vocabularies are cached per file.
 */
public final class Tokenizers {
  /** The kind of a SigLIP folder's tokenizer: {@code spiece.model} read by {@link SiglipTokenizer}. */
  public static final String SIGLIP = io.clipwb.core.model.checkpoint.CheckpointFolders.SIGLIP_TOKENIZER_KIND;

  /**
   * Parsed vocabularies (a 1.3 MB BPE file takes ~0.3 s), keyed by absolute path, size and
   * modification time so an edited file is re-read; at most 16 kept.
   */
  private static final BoundedCache<String, Object> LOADED = new BoundedCache<>(16);

  private Tokenizers() {}

  /**
   * @throws IllegalArgumentException with a message naming the bundle, the field and the file when
   *     the kind is unknown, the file is missing or unreadable, or sot/eot disagree with the vocabulary
   */
  public static Tokenizer forBundle(Bundle bundle) {
    TokenizerSpec spec = bundle.tokenizer();
    String where = bundle.dir().resolve("bundle.json") + ": tokenizer";
    if (spec == null) throw new IllegalArgumentException(where + " is missing");
    if (spec.contextLength() < 2) throw new IllegalArgumentException(where + ".context_length must be at least 2, got " + spec.contextLength());
    if (spec.kind() == null) throw new IllegalArgumentException(where + ".kind is missing (openai-clip-bpe, hf-tokenizer-json or word-vocab)");
    Path file = resolveFile(bundle.dir(), spec.file(), where + ".file");
    try {
      return switch (spec.kind()) {
        case "openai-clip-bpe" -> openAiClip(file, spec.contextLength()).withBundleIds(spec.contextLength(), spec.sot(), spec.eot(), where);
        case "hf-tokenizer-json" -> hfTokenizerJson(file, spec.contextLength()).withBundleIds(spec.contextLength(), spec.sot(), spec.eot(), where);
        case "word-vocab" -> WordVocabTokenizer.load(file, spec.contextLength()).withBundleIds(spec.contextLength(), spec.sot(), spec.eot(), where);
        case SIGLIP -> siglip(file, bundle.dir().resolve("tokenizer_config.json"), spec.contextLength());
        default -> throw new IllegalArgumentException(where + ".kind \"" + spec.kind()
            + "\" is unknown (expected openai-clip-bpe, hf-tokenizer-json or word-vocab)");
      };
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ".file: " + e.getMessage(), e);
    }
  }

  /**
   * Resolves a {@link TokenizerSpec#file()}: {@code shared:<path>} against the shared folder,
   * anything else against the bundle folder.
   */
  public static Path resolveFile(Path bundleDir, String file, String where) {
    if (file == null || file.isBlank()) throw new IllegalArgumentException(where + " is missing");
    if (file.startsWith("shared:")) {
      String rel = file.substring("shared:".length());
      Path root = SharedData.root().orElseThrow(() -> new IllegalArgumentException(where + " \"" + file
          + "\" needs the shared data folder, which was not found (set -Dclipwb.shared=DIR or CLIPWB_SHARED)"));
      return root.resolve(rel);
    }
    return bundleDir.resolve(file);
  }

  /** OpenAI CLIP's tokenizer from a {@code bpe_simple_vocab_16e6.txt.gz} file (SOT 49406, EOT 49407). */
  public static OpenAiClipTokenizer openAiClip(Path bpeGz, int contextLength) throws IOException {
    Object t = LOADED.get("bpe:" + fileKey(bpeGz), k -> OpenAiClipTokenizer.load(bpeGz, contextLength));
    OpenAiClipTokenizer o = (OpenAiClipTokenizer) t;
    return o.withBundleIds(contextLength, o.sot(), o.eot(), bpeGz.toString());
  }

  /** A Hugging Face CLIP {@code tokenizer.json}. */
  public static HfTokenizerJson hfTokenizerJson(Path tokenizerJson, int contextLength) throws IOException {
    Object t = LOADED.get("hf:" + fileKey(tokenizerJson), k -> HfTokenizerJson.load(tokenizerJson, contextLength));
    HfTokenizerJson h = (HfTokenizerJson) t;
    return h.withBundleIds(contextLength, h.sot(), h.eot(), tokenizerJson.toString());
  }

  /** A SigLIP tokenizer ({@code spiece.model} + optional {@code tokenizer_config.json}), cached per file. */
  public static SiglipTokenizer siglip(Path spiece, Path tokenizerConfig, int contextLength) throws IOException {
    String cfgKey = tokenizerConfig != null && Files.isRegularFile(tokenizerConfig) ? fileKey(tokenizerConfig) : "-";
    Object t = LOADED.get("spm:" + fileKey(spiece) + "|" + cfgKey + "|" + contextLength, k -> SiglipTokenizer.load(spiece, tokenizerConfig, contextLength));
    return (SiglipTokenizer) t;
  }

  /** A word-vocab JSON list. */
  public static WordVocabTokenizer wordVocab(Path json, int contextLength) throws IOException {
    return WordVocabTokenizer.load(json, contextLength);
  }

  /** Absolute path, size and modification time: a changed file gets a new key. */
  private static String fileKey(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return file.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
  }

  static void clearCache() {
    LOADED.clear();
  }

}
