/**
 * The drill-down every view opens: a virtualised thumbnail grid ({@link
 * io.clipwb.app.drill.DrillDownView}) of exactly the images behind an aggregate, with a detail view
 * of one image and its top-5 predictions ({@link io.clipwb.app.drill.ImageDetailView}).
 *
 * <p>What lives here: the request a view sends ({@link io.clipwb.app.drill.DrillRequest}), the
 * resolved items ({@link io.clipwb.app.drill.DrillItem}) behind one seam ({@link
 * io.clipwb.app.drill.DrillRows}, read today from the run folder by {@link
 * io.clipwb.app.drill.RunFolderRows} through the core's {@code CachedRun}, cached per run folder by
 * {@link io.clipwb.app.drill.DrillRowSource}), sort/filter ({@link io.clipwb.app.drill.DrillQuery})
 * and background thumbnail decoding with a bounded cache ({@link
 * io.clipwb.app.drill.ThumbnailService}, over the core's EXIF-aware {@code ImageDecoder}).
 *
 * <p>May use: the core, JavaFX and ControlsFX. Nothing here computes a metric; every number shown
 * comes from the run folder. Reference: issue 13, "Drill-down (shared by every view)"; the grid
 * follows ControlsFX's {@code GridView} (cells recycled by a {@code VirtualFlow}).
 */
package io.clipwb.app.drill;
