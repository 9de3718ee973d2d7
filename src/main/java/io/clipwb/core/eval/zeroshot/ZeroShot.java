package io.clipwb.core.eval.zeroshot;

import io.clipwb.core.util.Vectors;
import java.util.List;

/**
 * CLIP zero-shot classification (Radford et al. 2021; CLIP_benchmark
 * {@code zeroshot_classification.zero_shot_classifier}): the weight of a class is the mean of its
 * L2-normalised prompt embeddings over the templates, renormalised; the logits are
 * {@code logit_scale × cosine(image, class weight)}.
 */
public final class ZeroShot {
  private ZeroShot() {}

  /** L2-normalises each row (a zero row stays zero). */
  /** Same as {@link Vectors#normalizeRows}. */
  public static float[][] normalizeRows(float[][] m) {
    return Vectors.normalizeRows(m);
  }

  /** Same as {@link Vectors#normalize}. */
  public static float[] normalize(float[] v) {
    return Vectors.normalize(v);
  }

  /**
   * @param promptEmbeddings raw text embeddings, class-major: row {@code c * templates + t}
   * @return C x D normalised class weights
   */
  public static float[][] classWeights(float[][] promptEmbeddings, int classes, int templates) {
    if (promptEmbeddings.length != classes * templates) {
      throw new IllegalArgumentException(promptEmbeddings.length + " prompt embeddings for " + classes + " classes x " + templates + " templates");
    }
    int d = promptEmbeddings[0].length;
    float[][] w = new float[classes][];
    for (int c = 0; c < classes; c++) {
      double[] acc = new double[d];
      for (int t = 0; t < templates; t++) {
        float[] e = normalize(promptEmbeddings[c * templates + t]);
        for (int j = 0; j < d; j++) acc[j] += e[j];
      }
      float[] mean = new float[d];
      for (int j = 0; j < d; j++) mean[j] = (float) (acc[j] / templates);
      w[c] = normalize(mean);
    }
    return w;
  }

  /**
   * logit_scale × (normalised image embeddings · class weights), through the blocked parallel
   * {@link SimilarityGemm} (float32 accumulation, as PyTorch's and NumPy's matmul).
   */
  public static float[][] logits(float[][] imageEmbNormalized, float[][] classWeights, float logitScale) {
    return SimilarityGemm.scaledProduct(imageEmbNormalized, classWeights, logitScale);
  }

  /**
   * As {@link #logits(float[][], float[][], float)}, plus a sigmoid-loss model's learned bias
   * (SigLIP: {@code cos * exp(logit_scale) + logit_bias}, float32 as {@code SiglipModel.forward}).
   * The softmax over classes, and so every argmax, accuracy and softmax probability, is unchanged by
   * the bias; the logits written and any sigmoid probability {@code 1 / (1 + exp(-logit))} carry it.
   * A bias of 0 leaves the scaled product untouched (bit for bit: no {@code -0 + 0}).
   */
  public static float[][] logits(float[][] imageEmbNormalized, float[][] classWeights, float logitScale, float logitBias) {
    float[][] l = logits(imageEmbNormalized, classWeights, logitScale);
    if (logitBias != 0f) {
      for (float[] row : l) for (int j = 0; j < row.length; j++) row[j] += logitBias;
    }
    return l;
  }

  /** Row-wise softmax in double precision. */
  public static double[] softmax(float[] logits) {
    return Vectors.softmax(logits);
  }

  /** Indices of the k largest values, largest first (ties: lower index first). */
  public static int[] topK(float[] v, int k) {
    k = Math.min(k, v.length);
    int[] idx = new int[k];
    boolean[] used = new boolean[v.length];
    for (int r = 0; r < k; r++) {
      int best = -1;
      for (int i = 0; i < v.length; i++) {
        if (!used[i] && (best < 0 || v[i] > v[best])) best = i;
      }
      used[best] = true;
      idx[r] = best;
    }
    return idx;
  }

  /**
   * acc@1, acc@5 and mean per-class recall (CLIP_benchmark's {@code balanced_accuracy_score}: the mean
   * over classes present in the labels of the fraction of their items predicted as that class). Items
   * with label -1 are ignored. With fewer than 5 classes acc@5 is acc@C.
   */
  public static Metrics metrics(float[][] logits, int[] labels) {
    int n = 0;
    int top1 = 0;
    int top5 = 0;
    int classes = logits.length == 0 ? 0 : logits[0].length;
    int[] perClassN = new int[classes];
    int[] perClassOk = new int[classes];
    for (int i = 0; i < logits.length; i++) {
      if (labels[i] < 0) continue;
      n++;
      int[] t = topK(logits[i], 5);
      if (t[0] == labels[i]) {
        top1++;
        perClassOk[labels[i]]++;
      }
      for (int c : t) if (c == labels[i]) top5++;
      perClassN[labels[i]]++;
    }
    double recall = 0;
    int present = 0;
    for (int c = 0; c < classes; c++) {
      if (perClassN[c] > 0) {
        recall += (double) perClassOk[c] / perClassN[c];
        present++;
      }
    }
    return new Metrics(n == 0 ? Double.NaN : (double) top1 / n, n == 0 ? Double.NaN : (double) top5 / n,
        present == 0 ? Double.NaN : recall / present, n);
  }

  /** CLIP_benchmark's metric names. */
  public record Metrics(double acc1, double acc5, double meanPerClassRecall, int n) {}

  /** All prompts for classes × templates, class-major (the row order {@link #classWeights} expects). */
  public static List<String> prompts(List<String> classNames, List<String> templates) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (String c : classNames) for (String t : templates) out.add(t.replace("{c}", c));
    return out;
  }
}
