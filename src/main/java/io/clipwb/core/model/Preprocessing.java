package io.clipwb.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a bundle's model expects its input images, as in OpenAI CLIP's {@code _transform}: resize the
 * shorter side to {@code resize} with {@code interpolation} (PIL-exact, with antialias), center
 * crop to {@code inputSize}, scale to [0, 1], then {@code (x - mean) / std} per channel.
 */
public record Preprocessing(
    @JsonProperty("input_size") int inputSize,
    @JsonProperty("resize") int resize,
    @JsonProperty("interpolation") Interpolation interpolation,
    @JsonProperty("center_crop") boolean centerCrop,
    @JsonProperty("mean") float[] mean,
    @JsonProperty("std") float[] std) {

  /** Resampling filter, named as in PIL / torchvision. */
  public enum Interpolation {
    @JsonProperty("bicubic") BICUBIC,
    @JsonProperty("bilinear") BILINEAR
  }

  public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

  /** OpenAI CLIP's default: bicubic, shorter side to {@code size}, center crop, CLIP mean/std. */
  public static Preprocessing clip(int size) {
    return new Preprocessing(size, size, Interpolation.BICUBIC, true, CLIP_MEAN.clone(), CLIP_STD.clone());
  }

  /** A stable text key of these settings, part of every cached image embedding's key. */
  public String cacheKey() {
    return inputSize + "|" + resize + "|" + interpolation + "|" + centerCrop + "|"
        + java.util.Arrays.toString(mean) + "|" + java.util.Arrays.toString(std);
  }
}
