package io.clipwb.core.model;

import java.nio.file.Path;

/**
 * A kind of model folder other than a {@code bundle.json} bundle that {@link BundleLoader} opens as a
 * {@link Bundle} — e.g. a Hugging Face or open_clip checkpoint folder
 * ({@code io.clipwb.core.model.checkpoint}).
 *
 * <p>Why a service interface: the formats need the bundle types, so {@code core.model} cannot name
 * them without a package cycle; implementations are listed in
 * {@code META-INF/services/io.clipwb.core.model.FolderFormat} and found with {@link java.util.ServiceLoader}.
 */
public interface FolderFormat {
  /** Whether {@code folder} (which holds no bundle.json) is of this kind. */
  boolean recognises(Path folder);

  /**
   * Opens {@code folder} as a bundle.
   *
   * @throws BundleException naming the file, field or tensor at fault
   */
  Bundle load(Path folder, FileDigests digests);
}
