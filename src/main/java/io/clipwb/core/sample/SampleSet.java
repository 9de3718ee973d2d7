package io.clipwb.core.sample;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sets the sample world generates, each with its role in the sample project and its default
 * size (images per class, or per unit noted below).
 */
public enum SampleSet {
  TRAIN("train", "train", 200, false),
  TRAIN_SHAPE_ONLY("train-shape-only", "train", 200, false),
  TEST("test", "in-distribution", 20, false),
  OUTLINE("outline", "shift", 20, false),
  NOVEL_TEXTURE("novel-texture", "shift", 20, false),
  NOVEL_BACKGROUND("novel-background", "shift", 20, false),
  DARK("dark", "shift", 20, false),
  ROTATED("rotated", "shift", 20, false),
  /** size = images per ordered (shape class, texture class) pair, per 20: 20 → one per pair, 240 images. */
  CUE_CONFLICT("cue-conflict", "cue-conflict", 20, false),
  /** size = images per class-equivalent: 20 → 160 images over 4 out-of-class shapes. */
  OOD("ood", "ood", 20, false),
  RGBD("rgbd", "rgbd", 4, true),
  CAPTIONS("captions", "captions", 10, false),
  /** pairs of views of one scene, with depth maps, intrinsics and poses (correspondence). */
  MULTIVIEW("multiview", "multiview", 2, true);

  private final String id;
  private final String role;
  private final int defaultSize;
  private final boolean depth;

  SampleSet(String id, String role, int defaultSize, boolean depth) {
    this.id = id;
    this.role = role;
    this.defaultSize = defaultSize;
    this.depth = depth;
  }

  /** The set's folder name and CLI name. */
  public String id() {
    return id;
  }

  /** Role in the sample project: train, in-distribution, shift, ood, cue-conflict, rgbd, captions, multiview. */
  public String role() {
    return role;
  }

  public int defaultSize() {
    return defaultSize;
  }

  /** Whether the set always carries depth maps. */
  public boolean hasDepth() {
    return depth;
  }

  public boolean isTrain() {
    return "train".equals(role);
  }

  public static Optional<SampleSet> byId(String id) {
    String s = id.trim().toLowerCase(Locale.ROOT);
    for (SampleSet set : values()) if (set.id.equals(s)) return Optional.of(set);
    return Optional.empty();
  }

  public static List<String> ids() {
    return java.util.Arrays.stream(values()).map(SampleSet::id).toList();
  }
}
