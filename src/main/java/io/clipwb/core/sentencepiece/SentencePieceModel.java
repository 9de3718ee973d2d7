package io.clipwb.core.sentencepiece;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SentencePiece unigram model read from its {@code .model} file, encoding text as the library's
 * {@code SentencePieceProcessor.encode} does: normalise ({@link CharsMap}), segment by Viterbi over
 * the piece scores ({@code unigram_model.cc EncodeOptimized}: unknown characters scored
 * {@code min_score - 10}, user-defined pieces {@code bytes * max_score - 0.1}, ties keep the first
 * path found), merge runs of unknown pieces into one, or, with {@code byte_fallback}, spell them as
 * {@code <0xXX>} byte pieces.
 *
 * <p>Why in plain Java: SigLIP's text tower is trained on SentencePiece ids, and the workbench runs
 * without Python or native tokenizer libraries. Only the unigram model type is implemented (SigLIP,
 * T5, ...); BPE/word/char models are refused when the file is read.
 */
public final class SentencePieceModel {
  /** Piece types of {@code ModelProto.SentencePiece.Type}. */
  static final int NORMAL = 1;
  static final int UNKNOWN = 2;
  static final int CONTROL = 3;
  static final int USER_DEFINED = 4;
  static final int UNUSED = 5;
  static final int BYTE = 6;
  private static final float UNK_PENALTY = 10.0f;

  private final List<String> pieces = new ArrayList<>();
  private final List<Float> scores = new ArrayList<>();
  private final List<Integer> types = new ArrayList<>();
  /** NORMAL, USER_DEFINED and UNUSED pieces: what the library's trie holds. */
  private final Map<String, Integer> normal = new HashMap<>();
  /** The other pieces (control, unknown, byte), found by {@link #pieceToId} only. */
  private final Map<String, Integer> reserved = new HashMap<>();
  private int maxPieceChars = 1;
  private int unkId = -1;
  private float minScore = Float.MAX_VALUE;
  private float maxScore = Float.MIN_VALUE;
  private boolean byteFallback;
  private int modelType = 1;
  private CharsMap normalizer;
  // NormalizerSpec fields, kept so that a caller can override add_dummy_prefix
  private byte[] charsmap = new byte[0];
  private boolean addDummyPrefix = true;
  private boolean removeExtraWhitespaces = true;
  private boolean escapeWhitespaces = true;
  private boolean treatWhitespaceAsSuffix;

  private SentencePieceModel() {}

  /**
   * Reads a {@code .model} file.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file when it is not a unigram SentencePiece model
   */
  public static SentencePieceModel load(Path file) throws IOException {
    try {
      return parse(Files.readAllBytes(file), null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a SentencePiece unigram model: " + e.getMessage(), e);
    }
  }

  /** As {@link #load}, with {@code add_dummy_prefix} forced (SiglipTokenizer sets it false). */
  public static SentencePieceModel load(Path file, boolean addDummyPrefix) throws IOException {
    try {
      return parse(Files.readAllBytes(file), addDummyPrefix);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a SentencePiece unigram model: " + e.getMessage(), e);
    }
  }

  static SentencePieceModel parse(byte[] data, Boolean addDummyPrefixOverride) {
    SentencePieceModel m = new SentencePieceModel();
    ProtoReader r = new ProtoReader(data);
    while (r.more()) {
      int tag = r.tag();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == 1 && wire == ProtoReader.LEN) m.piece(r.message());
      else if (field == 2 && wire == ProtoReader.LEN) m.trainer(r.message());
      else if (field == 3 && wire == ProtoReader.LEN) m.normalizerSpec(r.message());
      else r.skip(wire);
    }
    if (m.pieces.isEmpty()) throw new IllegalArgumentException("no pieces");
    if (m.modelType != 1) throw new IllegalArgumentException("model_type " + m.modelType + " (only 1 = UNIGRAM is supported)");
    if (m.unkId < 0) throw new IllegalArgumentException("no piece of type UNKNOWN");
    if (m.treatWhitespaceAsSuffix) throw new IllegalArgumentException("treat_whitespace_as_suffix is not supported");
    if (addDummyPrefixOverride != null) m.addDummyPrefix = addDummyPrefixOverride;
    List<byte[]> ud = new ArrayList<>();
    for (int i = 0; i < m.pieces.size(); i++) {
      if (m.types.get(i) == USER_DEFINED) ud.add(m.pieces.get(i).getBytes(StandardCharsets.UTF_8));
    }
    m.normalizer = new CharsMap(m.charsmap, m.addDummyPrefix, m.removeExtraWhitespaces, m.escapeWhitespaces, ud);
    return m;
  }

  private void piece(ProtoReader r) {
    String piece = "";
    float score = 0f;
    int type = NORMAL;
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case (1 << 3) | ProtoReader.LEN -> piece = r.string();
        case (2 << 3) | ProtoReader.FIXED32 -> score = r.fixed32Float();
        case (3 << 3) | ProtoReader.VARINT -> type = (int) r.varint();
        default -> r.skip(tag & 7);
      }
    }
    int id = pieces.size();
    pieces.add(piece);
    scores.add(score);
    types.add(type);
    if (type == NORMAL || type == USER_DEFINED || type == UNUSED) {
      if (normal.putIfAbsent(piece, id) != null) throw new IllegalArgumentException("piece \"" + piece + "\" is defined twice");
      maxPieceChars = Math.max(maxPieceChars, piece.codePointCount(0, piece.length()));
    } else {
      reserved.putIfAbsent(piece, id);
    }
    if (type == UNKNOWN) unkId = id;
    if (type == NORMAL) {
      minScore = Math.min(minScore, score);
      maxScore = Math.max(maxScore, score);
    }
  }

  private void trainer(ProtoReader r) {
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case (3 << 3) | ProtoReader.VARINT -> modelType = (int) r.varint();
        case (35 << 3) | ProtoReader.VARINT -> byteFallback = r.varint() != 0;
        case (24 << 3) | ProtoReader.VARINT -> treatWhitespaceAsSuffix = r.varint() != 0;
        default -> r.skip(tag & 7);
      }
    }
  }

  private void normalizerSpec(ProtoReader r) {
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case (2 << 3) | ProtoReader.LEN -> charsmap = r.bytes();
        case (3 << 3) | ProtoReader.VARINT -> addDummyPrefix = r.varint() != 0;
        case (4 << 3) | ProtoReader.VARINT -> removeExtraWhitespaces = r.varint() != 0;
        case (5 << 3) | ProtoReader.VARINT -> escapeWhitespaces = r.varint() != 0;
        default -> r.skip(tag & 7);
      }
    }
  }

  /** Number of pieces (the vocabulary size). */
  public int size() {
    return pieces.size();
  }

  /** The id of the piece of type UNKNOWN. */
  public int unkId() {
    return unkId;
  }

  /** The piece with id {@code id}. */
  public String piece(int id) {
    return pieces.get(id);
  }

  /** {@code PieceToId}: the piece's id, or the unknown id for a string that is no piece. */
  public int pieceToId(String piece) {
    Integer i = normal.get(piece);
    if (i == null) i = reserved.get(piece);
    return i == null ? unkId : i;
  }

  /** The normalised text the segmentation runs on (spaces as U+2581 where the spec says so). */
  public String normalize(String text) {
    return normalizer.normalize(text);
  }

  /** {@code encode(text, out_type=str)}: the pieces, unknown runs merged (or spelled in bytes). */
  public List<String> encodePieces(String text) {
    List<String> out = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    encode(text, out, ids);
    return out;
  }

  /** {@code encode(text)}: the ids. */
  public int[] encodeIds(String text) {
    List<Integer> ids = new ArrayList<>();
    encode(text, new ArrayList<>(), ids);
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private void encode(String text, List<String> outPieces, List<Integer> outIds) {
    String s = normalize(text);
    if (s.isEmpty()) return;
    int[] cps = s.codePoints().toArray();
    int n = cps.length;
    int[] charStart = new int[n + 1];
    for (int i = 0, off = 0; i < n; i++) {
      charStart[i] = off;
      off += Character.charCount(cps[i]);
      charStart[i + 1] = off;
    }
    // best path ending at code point i
    float[] best = new float[n + 1];
    int[] from = new int[n + 1];
    int[] id = new int[n + 1];
    java.util.Arrays.fill(from, -1);
    float unkScore = minScore - UNK_PENALTY;
    for (int start = 0; start < n; start++) {
      float here = best[start];
      boolean single = false;
      int limit = Math.min(n, start + maxPieceChars);
      for (int end = start + 1; end <= limit; end++) {
        Integer p = normal.get(s.substring(charStart[start], charStart[end]));
        if (p == null) continue;
        int type = types.get(p);
        if (type == UNUSED) continue;
        float score = type == USER_DEFINED
            ? (float) (s.substring(charStart[start], charStart[end]).getBytes(StandardCharsets.UTF_8).length * maxScore - 0.1)
            : scores.get(p);
        float cand = score + here;
        if (from[end] == -1 || cand > best[end]) {
          best[end] = cand;
          from[end] = start;
          id[end] = p;
        }
        if (end == start + 1) single = true;
      }
      if (!single) {
        float cand = unkScore + here;
        if (from[start + 1] == -1 || cand > best[start + 1]) {
          best[start + 1] = cand;
          from[start + 1] = start;
          id[start + 1] = unkId;
        }
      }
    }
    List<int[]> path = new ArrayList<>();
    for (int end = n; end > 0; end = from[end]) path.add(new int[] {from[end], end, id[end]});
    java.util.Collections.reverse(path);
    boolean prevUnk = false;
    for (int[] p : path) {
      String w = s.substring(charStart[p[0]], charStart[p[1]]);
      boolean unk = p[2] == unkId;
      if (unk && byteFallback) {
        for (byte b : w.getBytes(StandardCharsets.UTF_8)) {
          String bp = String.format(java.util.Locale.ROOT, "<0x%02X>", b & 0xff);
          outPieces.add(bp);
          outIds.add(pieceToId(bp));
        }
      } else if (unk && prevUnk) {
        int last = outPieces.size() - 1;
        outPieces.set(last, outPieces.get(last) + w);
      } else {
        outPieces.add(w);
        outIds.add(p[2]);
      }
      prevUnk = unk;
    }
  }
}
