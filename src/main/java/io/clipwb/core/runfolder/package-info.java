/**
 * The run folder: the on-disk contract between a zero-shot run and every evaluation
 * (docs/run-folder.md). {@link io.clipwb.core.runfolder.RunFolder} is the only class that reads or
 * writes its files; {@link io.clipwb.core.runfolder.RunManifest} and
 * {@link io.clipwb.core.runfolder.RunItem} type its {@code manifest.json}.
 *
 * <p>May use {@code core.io} (NumPy {@code .npy}, JSON, atomic files) and {@code core.data} (CSV
 * quoting) only: evaluations ({@code core.eval}) and the run pipeline ({@code core.run}) depend on
 * this package, never the reverse, so it sits below both without a cycle. The array layout follows
 * CLIP_benchmark's zero-shot outputs ({@code results.json}) plus NumPy arrays readable with
 * {@code np.load}.
 */
package io.clipwb.core.runfolder;
