package io.clipwb.app.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.app.export.FigureStyle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's workbench settings, one immutable value (the preferences dialog builds a new one; the
 * shell swaps it in a property). Persisted as JSON by {@link PreferencesStore} so a researcher's cache
 * folder, device and figure defaults survive restarts; nulls mean "the default".
 *
 * @param cacheDir the embedding cache, or null for the CLI's default ($CLIPWB_CACHE, ~/.cache/clipwb)
 * @param sharedDir the shared-data folder (reference data, large data sets), or null
 * @param device "cpu" or "gpu"
 * @param threads decode/preprocess threads (0 = half the cores)
 * @param batch images per forward pass
 * @param theme "light" or "dark"
 * @param figureWidthMm figure width, mm
 * @param figureHeightMm figure height, mm
 * @param figureDpi PNG resolution
 * @param fontFamily figure font family
 * @param fontSizePt figure base font size
 * @param lastProject the project opened last, or null
 * @param recentProjects most recent first, at most {@link #MAX_RECENT}
 */
public record Preferences(
    @JsonProperty("cache_dir") String cacheDir,
    @JsonProperty("shared_dir") String sharedDir,
    @JsonProperty("device") String device,
    @JsonProperty("threads") int threads,
    @JsonProperty("batch") int batch,
    @JsonProperty("theme") String theme,
    @JsonProperty("figure_width_mm") double figureWidthMm,
    @JsonProperty("figure_height_mm") double figureHeightMm,
    @JsonProperty("figure_dpi") int figureDpi,
    @JsonProperty("font_family") String fontFamily,
    @JsonProperty("font_size_pt") double fontSizePt,
    @JsonProperty("last_project") String lastProject,
    @JsonProperty("recent_projects") List<String> recentProjects) {

  /** How many recent projects the File menu lists. */
  public static final int MAX_RECENT = 8;

  public Preferences {
    device = device == null || device.isBlank() ? "cpu" : device;
    theme = theme == null || theme.isBlank() ? "light" : theme;
    FigureStyle d = FigureStyle.defaults();
    if (!(figureWidthMm > 0)) figureWidthMm = d.widthMm();
    if (!(figureHeightMm > 0)) figureHeightMm = d.heightMm();
    if (figureDpi <= 0) figureDpi = d.dpi();
    if (fontFamily == null || fontFamily.isBlank()) fontFamily = d.fontFamily();
    if (!(fontSizePt > 0)) fontSizePt = d.fontSizePt();
    if (batch <= 0) batch = 32;
    if (threads < 0) threads = 0;
    recentProjects = recentProjects == null ? List.of() : List.copyOf(recentProjects);
  }

  /** Every default. */
  public static Preferences defaults() {
    return new Preferences(null, null, "cpu", 0, 32, "light", 0, 0, 0, null, 0, null, List.of());
  }

  /** The figure style exports use. */
  @JsonIgnore
  public FigureStyle figureStyle() {
    return new FigureStyle(figureWidthMm, figureHeightMm, figureDpi, fontFamily, fontSizePt);
  }

  /** The embedding cache folder this session uses. */
  @JsonIgnore
  public Path cacheRoot() {
    if (cacheDir != null && !cacheDir.isBlank()) return Path.of(cacheDir);
    return io.clipwb.core.cache.CacheLocation.defaultRoot();
  }

  /** Decode threads to use: the setting, else half the cores. */
  @JsonIgnore
  public int effectiveThreads() {
    return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** These preferences with {@code project} as the last and most recent project. */
  public Preferences withProjectOpened(Path project) {
    String p = project.toAbsolutePath().normalize().toString();
    List<String> r = new ArrayList<>();
    r.add(p);
    for (String s : recentProjects) if (!s.equals(p) && r.size() < MAX_RECENT) r.add(s);
    return new Preferences(cacheDir, sharedDir, device, threads, batch, theme, figureWidthMm, figureHeightMm, figureDpi,
        fontFamily, fontSizePt, p, r);
  }

  /** These preferences with the settings the dialog edits replaced. */
  public Preferences withSettings(String cache, String shared, String dev, int thr, int bat, String th, FigureStyle fig) {
    return new Preferences(cache, shared, dev, thr, bat, th, fig.widthMm(), fig.heightMm(), fig.dpi(), fig.fontFamily(),
        fig.fontSizePt(), lastProject, recentProjects);
  }
}
