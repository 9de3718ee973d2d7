package io.clipwb.core.eval.correspondence;

import io.clipwb.core.image.Preprocessor;
import io.clipwb.core.image.RgbImage;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.PatchFeatures;
import io.clipwb.core.model.Preprocessing;

/**
 * Computes an image's patch features with a model's patch-token output and places them on the
 * original image: the image is preprocessed exactly as for classification (the bundle's resize and
 * center crop), encoded with {@link ImageEncoder#encodePatches}, and the grid is given the
 * {@link GridFootprint#clipPreprocessing footprint} of that preprocessing, so that pixel coordinates
 * of the original frame (where depth, intrinsics and keypoints live) map onto the right patches.
 * The encoder belongs to the calling thread (DJL predictors are not thread-safe).
 */
public final class PatchFeatureExtractor {
  private final ImageEncoder encoder;
  private final Preprocessing spec;
  private final Preprocessor preprocessor;

  public PatchFeatureExtractor(ImageEncoder encoder, Preprocessing spec) {
    this.encoder = encoder;
    this.spec = spec;
    this.preprocessor = new Preprocessor(spec);
  }

  /** Patch features of one image, upsampled on demand to its original pixels. */
  public DenseFeatures features(RgbImage image) {
    int s = spec.inputSize();
    float[] chw = preprocessor.apply(image);
    PatchFeatures pf = encoder.encodePatches(new ImageBatch(1, s, s, chw));
    if (pf == null || pf.features().length != 1) {
      throw new IllegalStateException("the patch encoder returned " + (pf == null ? "nothing" : pf.features().length + " images")
          + " for a batch of one");
    }
    GridFootprint fp = GridFootprint.clipPreprocessing(image.width(), image.height(), spec.resize(), s, spec.centerCrop());
    return new DenseFeatures(pf, 0, fp, image.width(), image.height());
  }
}
