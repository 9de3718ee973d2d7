package io.clipwb.core.data;

/**
 * A folder entry passed over while listing a data set (OS junk, a folder named like an image, a
 * dangling link, a pipe...), kept so that the run manifest can say what was left out and why
 * instead of dropping it silently.
 *
 * @param path the entry's path relative to the data set root, '/'-separated
 * @param reason why it is not an item
 */
public record Skipped(String path, String reason) {}
