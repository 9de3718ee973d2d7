package io.clipwb.core.eval.retrieval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-shot image–text retrieval from cached, L2-normalised embeddings: Recall@K in both directions,
 * median and mean rank, and every query's rank for drill-down.
 *
 * <h2>Definitions (and where they come from)</h2>
 *
 * <ul>
 *   <li>Score of image {@code i} and caption {@code t}: the dot product of their normalised embeddings
 *       (cosine), {@code scores = texts_emb @ images_emb.T} as in LAION-AI/CLIP_benchmark
 *       {@code clip_benchmark/metrics/zeroshot_retrieval.py::evaluate}.
 *   <li><b>Image→text</b> (CLIP_benchmark's {@code text_retrieval_recall@K}): an image query is correct at
 *       K when at least one of its captions is among the K highest-scoring captions — CLIP_benchmark's
 *       {@code recall_at_k(scores.T, positive_pairs.T, k) > 0}. Its rank is the 1-based position of its
 *       best-placed caption.
 *   <li><b>Text→image</b> ({@code image_retrieval_recall@K}): a caption query is correct at K when its
 *       image is among the K highest-scoring images; its rank is the 1-based position of that image.
 *   <li>Recall@K = mean over queries of [rank ≤ K]. Median rank = {@code floor(median(rank0)) + 1} over
 *       0-based ranks and mean rank = {@code mean(rank0) + 1}, the convention of VSE++
 *       (fartashf/vsepp {@code evaluation.py::i2t/t2i}) that retrieval papers report as MedR/MeanR.
 * </ul>
 *
 * <h2>Ties</h2>
 *
 * CLIP_benchmark ranks with {@code torch.topk}, whose order among equal scores is unspecified. This
 * implementation makes it deterministic: among equal scores the candidate with the lower index comes
 * first (what a stable descending sort gives). So the rank of a positive with score {@code s} at
 * index {@code j} is {@code 1 + #{c : score_c > s} + #{c < j : score_c == s}}, and for an image query
 * the best-placed caption is the lowest-index caption among those with the highest score. Each
 * direction also reports {@code tiedQueries}: how many queries' ranks would change under a different
 * tie order (some other candidate has exactly the positive's score), so a reader knows whether ties
 * matter at all (with real float embeddings they essentially never do).
 *
 * <h2>Memory and time</h2>
 *
 * Scores are never held as a full matrix: images are processed in blocks of {@link Params#blockSize()}
 * rows against all captions (256 × 25,000 floats = 25 MB for COCO's 5k test set), and both directions
 * are accumulated in the same pass. Cost is one dot product per (image, caption) pair; progress is
 * reported per block and cancellation checked per block.
 */
public final class Retrieval {
  private static final Logger LOG = LoggerFactory.getLogger(Retrieval.class);

  private Retrieval() {}

  /**
   * Settings of a retrieval evaluation.
   *
   * @param ks the K of Recall@K (CLIP papers: 1, 5, 10)
   * @param blockSize images per similarity block
   * @param normTolerance how far a row's L2 norm may be from 1 before the input is rejected
   * @param keepTop how many best candidates to keep per query for drill-down
   */
  public record Params(
      @JsonProperty("ks") int[] ks,
      @JsonProperty("block_size") int blockSize,
      @JsonProperty("norm_tolerance") double normTolerance,
      @JsonProperty("keep_top") int keepTop) {
    public Params {
      if (ks == null || ks.length == 0) throw new IllegalArgumentException("ks must name at least one K");
      for (int k : ks) if (k < 1) throw new IllegalArgumentException("K must be ≥ 1 but got " + k);
      if (blockSize < 1) throw new IllegalArgumentException("block size must be ≥ 1 but got " + blockSize);
      if (keepTop < 1) throw new IllegalArgumentException("keep_top must be ≥ 1 but got " + keepTop);
      ks = ks.clone();
    }

    public static Params defaults() {
      return new Params(new int[] {1, 5, 10}, 256, 1e-3, 5);
    }

    public Params withBlockSize(int b) {
      return new Params(ks, b, normTolerance, keepTop);
    }
  }

  /**
   * One retrieval direction.
   *
   * @param direction {@code image_to_text} or {@code text_to_image}
   * @param recall Recall@K as a fraction in [0, 1], keyed {@code "R@K"}
   * @param medianRank VSE++'s {@code floor(median(rank0)) + 1}
   * @param meanRank mean 1-based rank
   * @param ranks per query, its 1-based rank (query order = image rows, or caption rows)
   * @param matched per query, the positive that achieved the rank (image→text: caption index; text→image: image index)
   * @param top per query, its {@code keep_top} highest-scoring candidates, best first (caption or image
   *     indices; ties in index order)
   * @param tiedQueries queries whose rank depends on the tie order
   */
  public record Direction(
      @JsonProperty("direction") String direction,
      @JsonProperty("recall") Map<String, Double> recall,
      @JsonProperty("median_rank") double medianRank,
      @JsonProperty("mean_rank") double meanRank,
      @JsonProperty("ranks") int[] ranks,
      @JsonProperty("matched") int[] matched,
      @JsonProperty("top") int[][] top,
      @JsonProperty("tied_queries") int tiedQueries) {
    /** Per query, its best candidate. */
    public int[] top1() {
      int[] t = new int[top.length];
      for (int q = 0; q < t.length; q++) t[q] = top[q][0];
      return t;
    }

    /** Fraction of queries with rank ≤ k. */
    public double recallAt(int k) {
      long hit = Arrays.stream(ranks).filter(r -> r <= k).count();
      return ranks.length == 0 ? Double.NaN : (double) hit / ranks.length;
    }
  }

  /**
   * The outcome of {@link #compute}. {@code clipBenchmark} repeats the recalls under CLIP_benchmark's
   * metric names so results line up with its JSON.
   */
  public record Result(
      @JsonProperty("params") Params params,
      @JsonProperty("num_images") int numImages,
      @JsonProperty("num_texts") int numTexts,
      @JsonProperty("image_to_text") Direction imageToText,
      @JsonProperty("text_to_image") Direction textToImage,
      @JsonProperty("clip_benchmark") Map<String, Double> clipBenchmark) {
    /** The summary without per-query arrays (for logs and stdout). */
    @JsonIgnore
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("num_images", numImages);
      m.put("num_texts", numTexts);
      for (Direction d : List.of(imageToText, textToImage)) {
        Map<String, Object> s = new LinkedHashMap<>(d.recall());
        s.put("median_rank", d.medianRank());
        s.put("mean_rank", d.meanRank());
        s.put("tied_queries", d.tiedQueries());
        m.put(d.direction(), s);
      }
      m.put("clip_benchmark", clipBenchmark);
      return m;
    }
  }

  /** Convenience: {@link #compute(float[][], float[][], int[], int[][], Params, Progress, Cancellation)} with the inverse list built here. */
  public static Result compute(float[][] imageEmb, float[][] textEmb, int[] textToImage, Params params) {
    return compute(imageEmb, textEmb, textToImage, CaptionSet.invert(checkIndex(textToImage, imageEmb.length), imageEmb.length),
        params, Progress.NONE, Cancellation.none());
  }

  /**
   * Computes retrieval metrics in both directions.
   *
   * @param imageEmb N x D, rows L2-normalised
   * @param textEmb M x D, rows L2-normalised
   * @param textToImage for each caption its image row
   * @param imageToTexts for each image its caption rows (the inverse of {@code textToImage})
   * @throws IllegalArgumentException on shape mismatches, unnormalised rows, inconsistent index lists,
   *     or images without captions
   */
  public static Result compute(
      float[][] imageEmb,
      float[][] textEmb,
      int[] textToImage,
      int[][] imageToTexts,
      Params params,
      Progress progress,
      Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    int n = imageEmb.length;
    int m = textEmb.length;
    validate(imageEmb, textEmb, textToImage, imageToTexts, params);
    int dim = n == 0 ? 0 : imageEmb[0].length;
    ImageQueries i2tq = new ImageQueries(n, m, params.keepTop());
    TextQueries t2iq = new TextQueries(imageEmb, textEmb, textToImage, n, params.keepTop());
    int block = Math.min(params.blockSize(), Math.max(1, n));
    float[][] scores = new float[block][m];
    for (int start = 0; start < n; start += block) {
      cancel.check();
      int end = Math.min(n, start + block);
      scoreBlock(imageEmb, textEmb, start, end - start, dim, scores);
      cancel.check();
      i2tq.rank(scores, start, end - start, imageToTexts);
      t2iq.count(scores, start, end - start);
      progress.update(end, n, "retrieval: scored " + end + "/" + n + " images against " + m + " captions");
    }
    return result(params, n, m, i2tq, t2iq, textToImage);
  }

  /**
   * Scores images {@code start .. start + rows - 1} against all captions into {@code scores[0 .. rows - 1]},
   * tiled over captions so that a tile stays in cache while every image of the block passes over it.
   */
  private static void scoreBlock(float[][] imageEmb, float[][] textEmb, int start, int rows, int dim, float[][] scores) {
    int m = textEmb.length;
    int tiles = (m + TEXT_TILE - 1) / TEXT_TILE;
    IntStream.range(0, tiles).parallel().forEach(tile -> {
      int t0 = tile * TEXT_TILE;
      int t1 = Math.min(m, t0 + TEXT_TILE);
      for (int r = 0; r < rows; r++) scoreRow(imageEmb[start + r], textEmb, t0, t1, dim, scores[r]);
    });
  }

  /** Image→text ranking: each image's whole score row is in one block, so it is ranked at once. */
  private static final class ImageQueries {
    final int m;
    final int keep;
    final int[] rank;
    final int[] matched;
    final int[][] top;
    final boolean[] tied;

    ImageQueries(int n, int m, int keep) {
      this.m = m;
      this.keep = keep;
      rank = new int[n];
      matched = new int[n];
      top = new int[n][];
      tied = new boolean[n];
    }

    void rank(float[][] scores, int start, int rows, int[][] imageToTexts) {
      IntStream.range(0, rows).parallel().forEach(r -> {
        int i = start + r;
        float[] row = scores[r];
        int[] pos = imageToTexts[i];
        float best = Float.NEGATIVE_INFINITY;
        int bestT = -1;
        for (int t : pos) { // ascending, so the first maximum is the lowest index
          if (row[t] > best) {
            best = row[t];
            bestT = t;
          }
        }
        int above = 0;
        int tiedBefore = 0;
        int tiedOther = 0;
        float[] topS = new float[Math.min(keep, m)];
        int[] topT = new int[topS.length];
        Arrays.fill(topS, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < m; t++) {
          float v = row[t];
          if (v > best) above++;
          else if (v == best && t != bestT) {
            if (t < bestT) tiedBefore++;
            if (!contains(pos, t)) tiedOther++;
          }
          if (v > topS[topS.length - 1]) offer(topS, topT, v, t);
        }
        rank[i] = 1 + above + tiedBefore;
        matched[i] = bestT;
        top[i] = topT;
        tied[i] = tiedOther > 0;
      });
    }

    int tiedCount() {
      int c = 0;
      for (boolean b : tied) if (b) c++;
      return c;
    }
  }

  /**
   * Text→image ranking: a caption's scores arrive one image block at a time, so it counts the
   * images strictly above / tied-and-lower-index / tied at all with its positive, and keeps its best
   * images, across blocks.
   */
  private static final class TextQueries {
    final int[] textToImage;
    final float[] posScore;
    final int[] above;
    final int[] tiedOther;
    final int[] tiedBefore;
    final float[][] topS;
    final int[][] top;

    TextQueries(float[][] imageEmb, float[][] textEmb, int[] textToImage, int n, int keep) {
      int m = textEmb.length;
      int dim = imageEmb.length == 0 ? 0 : imageEmb[0].length;
      this.textToImage = textToImage;
      // positive score of every caption with its own image (same dot product as the blocks use)
      posScore = new float[m];
      for (int t = 0; t < m; t++) posScore[t] = dot(imageEmb[textToImage[t]], textEmb[t], dim);
      above = new int[m];
      tiedOther = new int[m];
      tiedBefore = new int[m];
      topS = new float[m][Math.min(keep, n)];
      top = new int[m][Math.min(keep, n)];
      for (float[] x : topS) Arrays.fill(x, Float.NEGATIVE_INFINITY);
    }

    void count(float[][] scores, int start, int rows) {
      IntStream.range(0, posScore.length).parallel().forEach(t -> {
        float p = posScore[t];
        int own = textToImage[t];
        int ab = 0;
        int tb = 0;
        int to = 0;
        float[] s = topS[t];
        int[] topI = top[t];
        float floor = s[s.length - 1];
        for (int r = 0; r < rows; r++) {
          int i = start + r;
          float v = scores[r][t];
          if (i != own) {
            if (v > p) ab++;
            else if (v == p) {
              to++;
              if (i < own) tb++;
            }
          }
          if (v > floor) {
            offer(s, topI, v, i);
            floor = s[s.length - 1];
          }
        }
        above[t] += ab;
        tiedBefore[t] += tb;
        tiedOther[t] += to;
      });
    }
  }

  private static Result result(Params params, int n, int m, ImageQueries i2tq, TextQueries t2iq, int[] textToImage) {
    int[] t2iRank = new int[m];
    int tiedT = 0;
    for (int t = 0; t < m; t++) {
      t2iRank[t] = 1 + t2iq.above[t] + t2iq.tiedBefore[t];
      if (t2iq.tiedOther[t] > 0) tiedT++;
    }
    int tiedI = i2tq.tiedCount();
    Direction i2t = direction("image_to_text", i2tq.rank, i2tq.matched, i2tq.top, tiedI, params.ks());
    Direction t2i = direction("text_to_image", t2iRank, textToImage.clone(), t2iq.top, tiedT, params.ks());
    Map<String, Double> cb = new LinkedHashMap<>();
    for (int k : params.ks()) {
      cb.put("image_retrieval_recall@" + k, t2i.recallAt(k));
      cb.put("text_retrieval_recall@" + k, i2t.recallAt(k));
    }
    if (tiedI + tiedT > 0) {
      LOG.info("retrieval: {} image and {} caption queries have exact score ties with their positive; "
          + "ties are broken by lower index first", tiedI, tiedT);
    }
    return new Result(params, n, m, i2t, t2i, cb);
  }

  /**
   * Inserts candidate {@code id} with score {@code v} into a best-first list. Candidates arrive in
   * ascending index order and only strictly better scores move ahead, so ties stay in index order.
   */
  private static void offer(float[] s, int[] idx, float v, int id) {
    int p = s.length - 1;
    while (p > 0 && v > s[p - 1]) {
      s[p] = s[p - 1];
      idx[p] = idx[p - 1];
      p--;
    }
    s[p] = v;
    idx[p] = id;
  }

  private static Direction direction(String name, int[] ranks, int[] matched, int[][] top1, int tied, int[] ks) {
    Map<String, Double> recall = new LinkedHashMap<>();
    long sum = 0;
    for (int r : ranks) sum += r;
    Direction tmp = new Direction(name, recall, 0, 0, ranks, matched, top1, tied);
    for (int k : ks) recall.put("R@" + k, tmp.recallAt(k));
    return new Direction(name, recall, medianRank(ranks), ranks.length == 0 ? Double.NaN : (double) sum / ranks.length,
        ranks, matched, top1, tied);
  }

  /** VSE++'s MedR: {@code np.floor(np.median(ranks0)) + 1} with 0-based ranks (even counts average the middle two). */
  static double medianRank(int[] ranks1) {
    if (ranks1.length == 0) return Double.NaN;
    int[] s = ranks1.clone();
    Arrays.sort(s);
    int k = s.length;
    double med0 = (k % 2 == 1) ? s[k / 2] - 1 : ((s[k / 2 - 1] - 1) + (s[k / 2] - 1)) / 2.0;
    return Math.floor(med0) + 1;
  }

  private static boolean contains(int[] sortedAsc, int v) {
    return Arrays.binarySearch(sortedAsc, v) >= 0;
  }

  /** Captions per cache tile (64 x 512 floats = 128 KB). */
  private static final int TEXT_TILE = 64;

  /**
   * Float32 dot product summed left to right, the score function used everywhere in this class.
   * {@link #scoreRow} computes the same sums four at a time, bit for bit, so a caption's positive
   * score equals its entry in the similarity blocks.
   */
  static float dot(float[] a, float[] b, int d) {
    float s = 0;
    for (int j = 0; j < d; j++) s += a[j] * b[j];
    return s;
  }

  /** {@code out[t] = dot(img, txt[t])} for t in [t0, t1), four captions per pass over the image row. */
  static void scoreRow(float[] img, float[][] txt, int t0, int t1, int d, float[] out) {
    int t = t0;
    for (; t + 3 < t1; t += 4) {
      float[] b0 = txt[t];
      float[] b1 = txt[t + 1];
      float[] b2 = txt[t + 2];
      float[] b3 = txt[t + 3];
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int j = 0; j < d; j++) {
        float a = img[j];
        s0 += a * b0[j];
        s1 += a * b1[j];
        s2 += a * b2[j];
        s3 += a * b3[j];
      }
      out[t] = s0;
      out[t + 1] = s1;
      out[t + 2] = s2;
      out[t + 3] = s3;
    }
    for (; t < t1; t++) out[t] = dot(img, txt[t], d);
  }

  private static int[] checkIndex(int[] textToImage, int n) {
    for (int t = 0; t < textToImage.length; t++) {
      if (textToImage[t] < 0 || textToImage[t] >= n) {
        throw new IllegalArgumentException("caption " + t + " points to image " + textToImage[t] + " but there are " + n + " image embeddings");
      }
    }
    return textToImage;
  }

  private static void validate(float[][] img, float[][] txt, int[] t2i, int[][] i2t, Params p) {
    if (img.length == 0 || txt.length == 0) {
      throw new IllegalArgumentException("retrieval needs at least one image and one caption (got " + img.length + " images, " + txt.length + " captions)");
    }
    if (t2i.length != txt.length) {
      throw new IllegalArgumentException(txt.length + " caption embeddings but " + t2i.length + " caption→image indices: the caption file and the text embeddings do not match");
    }
    if (i2t.length != img.length) {
      throw new IllegalArgumentException(img.length + " image embeddings but " + i2t.length + " images in the caption set: the caption file and the image embeddings do not match");
    }
    int d = img[0].length;
    checkRows(img, d, "image", p.normTolerance());
    checkRows(txt, d, "text", p.normTolerance());
    checkIndex(t2i, img.length);
    int count = 0;
    for (int i = 0; i < i2t.length; i++) {
      if (i2t[i].length == 0) throw new IllegalArgumentException("image " + i + " has no caption: an image query needs at least one");
      for (int j = 0; j < i2t[i].length; j++) {
        int t = i2t[i][j];
        if (t < 0 || t >= t2i.length || t2i[t] != i || (j > 0 && t <= i2t[i][j - 1])) {
          throw new IllegalArgumentException("image→captions list of image " + i + " is inconsistent with caption→image indices (caption " + t + ")");
        }
      }
      count += i2t[i].length;
    }
    if (count != t2i.length) throw new IllegalArgumentException("image→captions lists cover " + count + " of " + t2i.length + " captions");
  }

  private static void checkRows(float[][] m, int d, String what, double tol) {
    for (int r = 0; r < m.length; r++) {
      if (m[r].length != d) {
        throw new IllegalArgumentException(what + " embedding row " + r + " has width " + m[r].length + ", expected " + d + " (both towers must share the embedding width)");
      }
      double s = 0;
      for (float v : m[r]) s += (double) v * v;
      double norm = Math.sqrt(s);
      if (!(Math.abs(norm - 1) <= tol)) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "%s embedding row %d has L2 norm %.6g; retrieval expects L2-normalised embeddings (as written to *_embeddings.npy)", what, r, norm));
      }
    }
  }

}
