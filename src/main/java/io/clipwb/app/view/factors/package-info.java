/**
 * The visual-factor view after ImageNet-X (Idrissi et al. 2022, "ImageNet-X: Understanding Model
 * Mistakes with Factor of Variation Annotations"; facebookresearch/imagenetx): error ratio per factor
 * and model, and a factor's accuracy against the overall accuracy with a least-squares line per model
 * group. {@link io.clipwb.app.view.factors.FactorData} runs the core's join and analysis
 * ({@code core.eval.factors}: {@code ImageNetXJoin}, {@code FactorAnalysis}, {@code FactorTrend}) for
 * every model of the report, keeping each image's run row for drill-down; {@link
 * io.clipwb.app.view.factors.FactorCharts} draws with JFreeChart only (headless for {@code clipwb
 * figures}); {@link io.clipwb.app.view.factors.FactorsView} is the JavaFX tab. May use the core,
 * {@code app.state}, {@code app.jobs}, {@code app.drill}, {@code app.export}, {@code app.view} and its
 * sibling view packages' data classes, JavaFX and JFreeChart.
 */
package io.clipwb.app.view.factors;
