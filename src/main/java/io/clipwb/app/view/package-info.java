/**
 * The views' common contract ({@link io.clipwb.app.view.FigureTab}: export and copy the figure of
 * the selected tab), the helpers every view shares ({@link io.clipwb.app.view.ChartKit}: the one
 * house style of all charts; {@link io.clipwb.app.view.FigureDialogs}: export and copy dialogs;
 * {@link io.clipwb.app.view.ViewControls}: control bar, subtitles, pickers refilled on a new report)
 * and, in sub-packages, one package per view: a chart factory that needs no
 * window (so {@code clipwb figures} draws the same figure headless) and the JavaFX node with its
 * controls, which computes off the FX thread, publishes only the latest result and drills down
 * through {@code app.drill}. May use {@code app.state}, {@code app.jobs}, {@code app.drill},
 * {@code app.export}, the core, JavaFX and JFreeChart; never the shell.
 */
package io.clipwb.app.view;
