package io.clipwb.djl.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.core.model.checkpoint.CheckpointFolders;
import io.clipwb.core.model.checkpoint.CheckpointSpec;
import io.clipwb.core.model.checkpoint.TensorLayout;
import io.clipwb.core.model.safetensors.SafetensorsFile;
import java.nio.FloatBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CLIP model run directly from a checkpoint folder (Hugging Face CLIP or SigLIP, open_clip ViT or
 * ModifiedResNet): the towers are DJL NDArray computations over the safetensors weights, in float32
 * whatever the stored dtype.
 *
 * <p>Threads: the weights are shared read-only; every {@code encode} call runs in its own child
 * {@link NDManager}, closed before it returns, so encoders are cheap and any number may run at once.
 */
public final class CheckpointClipModel implements ClipModel {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointClipModel.class);

  private final Bundle bundle;
  private final CheckpointSpec spec;
  private final Weights weights;
  private final VitTower vit;
  private final SiglipVisionTower siglip;
  private final ResNetTower resnet;
  private final TextTower text;

  private CheckpointClipModel(Bundle bundle, CheckpointSpec spec, Weights weights, boolean withImage) {
    this.bundle = bundle;
    this.spec = spec;
    this.weights = weights;
    boolean sig = spec.layout() == CheckpointSpec.Layout.HF_SIGLIP;
    this.vit = withImage && !sig && !spec.vision().resnet() ? new VitTower(weights, spec) : null;
    this.siglip = withImage && sig ? new SiglipVisionTower(weights, spec) : null;
    this.resnet = withImage && spec.vision().resnet() ? new ResNetTower(weights, spec) : null;
    this.text = new TextTower(weights, spec);
  }

  /**
   * Builds the towers of the checkpoint folder {@code bundle} was opened from.
   *
   * @param withImage false to skip the image tower (re-scoring from cached image embeddings)
   * @throws BundleException naming the file and tensor when the checkpoint does not match its config
   */
  public static CheckpointClipModel load(Bundle bundle, Device device, boolean withImage) {
    CheckpointSpec spec = CheckpointFolders.spec(bundle.dir());
    SafetensorsFile f = SafetensorsFile.open(spec.weights());
    Weights w = null;
    try {
      TensorLayout.check(f, spec);
      w = new Weights(f, device);
      LOG.info("opening {} directly: {} {} ({} parameters, {}) on {}", bundle.dir(), spec.layout(), spec.architectureName(),
          f.parameterCount(), f.dtypeCounts().keySet(), device);
      return new CheckpointClipModel(bundle, spec, w, withImage);
    } catch (RuntimeException e) {
      if (w != null) w.close();
      else f.close();
      if (e instanceof BundleException) throw e;
      throw new BundleException(spec.weights() + ": cannot build the towers: " + e.getMessage(), e);
    }
  }

  /** The architecture read from the folder's config. */
  public CheckpointSpec spec() {
    return spec;
  }

  @Override
  public Bundle bundle() {
    return bundle;
  }

  @Override
  public ImageEncoder newImageEncoder() {
    if (vit == null && resnet == null && siglip == null) throw new IllegalStateException(bundle.name() + ": loaded with the text tower only");
    return new ImageEncoder() {
      @Override
      public float[][] encode(ImageBatch batch) {
        if (batch.count() == 0) return new float[0][];
        int s = spec.vision().imageSize();
        if (batch.height() != s || batch.width() != s) {
          throw new IllegalArgumentException("images of " + batch.height() + " x " + batch.width() + " px; " + bundle.name() + " takes " + s + " x " + s);
        }
        try (NDManager scope = weights.manager().newSubManager()) {
          NDArray px = scope.create(FloatBuffer.wrap(batch.pixels()), new Shape(batch.count(), 3, s, s), DataType.FLOAT32);
          NDArray out = vit != null ? vit.forward(px) : siglip != null ? siglip.forward(px) : resnet.forward(px);
          return rows(out, batch.count());
        }
      }

      @Override
      public void close() {
        // nothing held between calls
      }
    };
  }

  @Override
  public TextEncoder newTextEncoder() {
    return new TextEncoder() {
      @Override
      public float[][] encode(int[][] tokens) {
        if (tokens.length == 0) return new float[0][];
        try (NDManager scope = weights.manager().newSubManager()) {
          return rows(text.forward(tokens, scope), tokens.length);
        }
      }

      @Override
      public void close() {
        // nothing held between calls
      }
    };
  }

  private float[][] rows(NDArray out, int n) {
    float[] flat = out.toFloatArray();
    int d = spec.embedDim();
    if (flat.length != n * d) throw new IllegalStateException("tower returned " + out.getShape() + " for " + n + " inputs");
    float[][] r = new float[n][d];
    for (int i = 0; i < n; i++) System.arraycopy(flat, i * d, r[i], 0, d);
    return r;
  }

  @Override
  public void close() {
    weights.close();
  }
}
