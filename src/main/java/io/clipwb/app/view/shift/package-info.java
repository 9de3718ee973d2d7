/**
 * The distribution-shift view: top-1 accuracy per set and model from the report's
 * {@code ShiftAccuracy} results (Taori et al. 2020's shift settings; a set's class subset, e.g.
 * ImageNet-R's 200 classes, honoured as the core honours it), and the per-class accuracy drop
 * between two sets with drill-down into a class's images. {@link io.clipwb.app.view.shift.ShiftData}
 * holds the numbers, {@link io.clipwb.app.view.shift.ShiftCharts} draws them with JFreeChart only
 * (headless for {@code clipwb figures}), {@link io.clipwb.app.view.shift.ShiftView} is the JavaFX
 * tab. May use the core, {@code app.state}, {@code app.jobs}, {@code app.drill}, {@code app.export},
 * {@code app.view}, JavaFX, ControlsFX and JFreeChart.
 */
package io.clipwb.app.view.shift;
