package io.clipwb.core.model;

/**
 * A grid of patch features per image: {@code features[n][gy * gridWidth + gx][d]}. For a ViT the
 * grid is the patch tokens without the class token; for a CNN the last feature map before pooling.
 */
public record PatchFeatures(int gridHeight, int gridWidth, float[][][] features) {}
