package io.clipwb.core.eval.corruption;

/**
 * One image of a corrupted set: its file (relative to the set's root, '/'-separated), corruption
 * folder name, severity and class folder. {@link #imageKey()} ({@code class/stem}) identifies the
 * underlying clean image across all corruption × severity versions.
 */
public record CorruptedItem(String path, String corruption, int severity, String className) {
  public String imageKey() {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return className + "/" + (dot > 0 ? name.substring(0, dot) : name);
  }
}
