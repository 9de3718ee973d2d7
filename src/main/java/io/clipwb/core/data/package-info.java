/**
 * Data sets as indexes of image paths, never pixels: image folders ({@code <class>/*}),
 * ImageNet-style flat folders with WNID-prefixed names, the cue-conflict stimuli, and manifests
 * (CSV {@code path,label,<metadata…>} or JSON lines), with class sets (ImageNet-1k WNIDs and
 * CLIP_benchmark's class names) and per-item metadata (factors, corruption, severity, role).
 *
 * <p>Reference: the folder layouts of the published sets (ImageNet, rgeirhos/texture-vs-shape) and
 * CLIP_benchmark's {@code en_classnames.json}.
 *
 * <p>Hardening (docs/hardening.md): manifest rows stay inside the manifest's folder after links are
 * resolved unless the caller allows otherwise ({@code ManifestContainment}); {@code \} separators are
 * accepted on every OS; folder entries passed over while listing are kept with the reason
 * ({@link io.clipwb.core.data.Skipped}, {@code FolderListing}).
 *
 * <p>May use: {@code core.io}, {@code core.util} and Jackson. Errors name the path, line or class at
 * fault ({@link io.clipwb.core.data.DatasetException}).
 */
package io.clipwb.core.data;
