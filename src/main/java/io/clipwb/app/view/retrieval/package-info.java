/**
 * The image–text retrieval view: Recall@1/5/10 per model in both directions (CLIP_benchmark's
 * definitions, computed by the core's {@code Retrieval} from the project's {@code captions} set, see
 * {@code ProjectRetrieval}) as grouped bars, and a query browser — a caption and its best images,
 * or an image and its best captions, the ground truth marked. {@link
 * io.clipwb.app.view.retrieval.RetrievalChart} draws the bars without JavaFX (also for {@code clipwb
 * figures}); {@link io.clipwb.app.view.retrieval.RetrievalView} is the tab. May use the core, JavaFX,
 * ControlsFX and JFreeChart.
 */
package io.clipwb.app.view.retrieval;
