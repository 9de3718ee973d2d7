/**
 * Embedding sweeps handed to a cluster: the desktop plans (which images of which model are missing
 * from the cache, under which keys, at which path the cluster sees them), a distributed engine only
 * embeds and writes rows in the cache's own shard format under the plan's keys, and the desktop
 * imports the finished shards back. The cluster side lives in the separate {@code clipwb-spark}
 * artifact ({@code spark/}); everything it shares with the desktop (plan format, the per-partition
 * worker, the shard format, the success marker) lives here, engine-free, so it is tested without
 * Spark. Design and measurements: {@code docs/scale-out.md}.
 *
 * <p>May use: {@code core.cache}, {@code core.data}, {@code core.image}, {@code core.io},
 * {@code core.model}, {@code core.project}, {@code core.run}, {@code core.util}, Jackson and SLF4J.
 * Models come in as {@link io.clipwb.core.model.ImageEncoder}s the caller opens (the DJL adapter on
 * executors), so nothing here names an inference engine or a cluster framework.
 */
package io.clipwb.core.sweep;
