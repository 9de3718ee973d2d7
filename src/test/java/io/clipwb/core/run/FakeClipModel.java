package io.clipwb.core.run;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.ModelCard;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.core.model.TokenizerSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-Java stand-in for a CLIP model: the image embedding is the per-channel mean of the
 * normalised pixels, the text embedding a one-hot of the first token after SOT. Counts encoded
 * images, can sleep per batch (to be killed mid-run) and can fail after a number of batches.
 */
public final class FakeClipModel implements ClipModel {
  public final AtomicInteger imagesEncoded = new AtomicInteger();
  public final AtomicInteger batches = new AtomicInteger();
  private final Bundle bundle;
  private final long sleepMillisPerBatch;
  private final int failAfterBatches;

  public FakeClipModel(Path dir, int inputSize, long sleepMillisPerBatch, int failAfterBatches) {
    this.bundle = new Bundle(dir, "fake", dir.resolve("i.pt"), dir.resolve("t.pt"), Optional.empty(), null, 3, 100f,
        new Preprocessing(inputSize, inputSize, Preprocessing.Interpolation.BICUBIC, true,
            Preprocessing.CLIP_MEAN.clone(), Preprocessing.CLIP_STD.clone()),
        new TokenizerSpec("word-vocab", "vocab.json", 8, 1, 9),
        new ModelCard("ViT", "fake", "none", 0, "none", "softmax-infonce", "single"), "fake-fingerprint-0001");
    this.sleepMillisPerBatch = sleepMillisPerBatch;
    this.failAfterBatches = failAfterBatches;
  }

  @Override
  public Bundle bundle() {
    return bundle;
  }

  @Override
  public ImageEncoder newImageEncoder() {
    return new ImageEncoder() {
      @Override
      public float[][] encode(ImageBatch b) {
        if (failAfterBatches >= 0 && batches.get() >= failAfterBatches) {
          throw new IllegalStateException("simulated crash after " + failAfterBatches + " batches");
        }
        batches.incrementAndGet();
        if (sleepMillisPerBatch > 0) {
          try {
            Thread.sleep(sleepMillisPerBatch);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        int plane = b.height() * b.width();
        float[][] out = new float[b.count()][3];
        for (int n = 0; n < b.count(); n++) {
          for (int c = 0; c < 3; c++) {
            double s = 0;
            int off = (n * 3 + c) * plane;
            for (int i = 0; i < plane; i++) s += b.pixels()[off + i];
            out[n][c] = (float) (s / plane);
          }
        }
        imagesEncoded.addAndGet(b.count());
        return out;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public TextEncoder newTextEncoder() {
    return new TextEncoder() {
      @Override
      public float[][] encode(int[][] tokens) {
        float[][] out = new float[tokens.length][3];
        for (int i = 0; i < tokens.length; i++) out[i][Math.floorMod(tokens[i][1], 3)] = 1;
        return out;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {}
}
