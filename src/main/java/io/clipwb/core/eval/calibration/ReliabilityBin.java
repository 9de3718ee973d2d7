package io.clipwb.core.eval.calibration;

/**
 * One bin of a reliability diagram: what the GUI draws as a bar, and what it drills into.
 *
 * @param index bin number (0 = lowest confidence)
 * @param lower lower edge (exclusive)
 * @param upper upper edge (inclusive)
 * @param count samples in the bin
 * @param meanConfidence mean max-softmax confidence in the bin (NaN when empty)
 * @param accuracy fraction correct in the bin (NaN when empty)
 * @param gap |accuracy - meanConfidence| (0 when empty)
 * @param items source rows of the samples in the bin (drill-down), or null when not kept
 */
public record ReliabilityBin(
    int index, double lower, double upper, int count, double meanConfidence, double accuracy, double gap, int[] items) {}
