/**
 * clipwb-spark: an embedding sweep on Apache Spark. The driver ({@link io.clipwb.spark.SweepJob})
 * reads a plan written by {@code clipwb sweep plan} and runs one Spark job per model; each task
 * ({@link io.clipwb.spark.EmbedPartition}) takes a slice of the model's plan lines and hands them to
 * the core's engine-free {@link io.clipwb.core.sweep.SweepWorker} with one predictor of the
 * executor's one loaded model ({@link io.clipwb.spark.ExecutorModels}). Rows go straight into the
 * cache's shard format under the plan's keys; the desktop imports them with
 * {@code clipwb cache import}. Plain {@code mapPartitions}, not DJL's Spark extension (not served
 * by this project's registry, and its image path is not the workbench's PIL-exact one).
 *
 * <p>May use: Spark's Java API, Hadoop's {@code FileSystem} (object stores), the workbench's
 * {@code io.clipwb.core..} and the DJL adapter {@code io.clipwb.djl} (never {@code ai.djl} itself),
 * Jackson (Spark's 2.15 line) and SLF4J. Design, cluster recipes and measurements:
 * {@code docs/scale-out.md}.
 */
package io.clipwb.spark;
