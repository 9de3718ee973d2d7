package io.clipwb.spark;

import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.sweep.SweepPlan;
import io.clipwb.core.sweep.SweepWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * One Spark task: a slice of one model's plan lines in, one JSON {@link SweepWorker.Result} out
 * (collected on the driver). The model is the executor's shared one ({@link ExecutorModels}); the
 * task opens its own predictor and closes it when the slice is done. Shard names carry the
 * application id, partition and attempt, so a retried or speculative attempt writes other files
 * (duplicate rows, which the cache tolerates) and the driver's marker lists only the shards of the
 * attempts that succeeded.
 */
final class EmbedPartition implements FlatMapFunction<Iterator<String>, String> {
  private static final long serialVersionUID = 1L;

  private final String modelJson;
  private final String bundle;
  private final String shardDir;
  private final String appId;
  private final String planUri;
  private final String engine;
  private final int batch;
  private final int shardRows;
  private final Storage storage;

  /**
   * @param bundle the bundle folder as executors see it (a plain path, or a URI copied to local disk)
   * @param shardDir where this model's shards go ({@code <out>/<cache_dir>/images})
   * @param engine recorded in every shard index ({@code spark 3.5.9})
   */
  EmbedPartition(SweepPlan.Model model, String bundle, String shardDir, String appId, String planUri, String engine, int batch,
      int shardRows, Storage storage) {
    this.modelJson = Json.toString(model);
    this.bundle = bundle;
    this.shardDir = shardDir;
    this.appId = appId;
    this.planUri = planUri;
    this.engine = engine;
    this.batch = batch;
    this.shardRows = shardRows;
    this.storage = storage;
  }

  @Override
  public Iterator<String> call(Iterator<String> lines) throws Exception {
    SweepPlan.Model model = Json.mapper().readValue(modelJson, SweepPlan.Model.class);
    TaskContext tc = TaskContext.get();
    int partition = tc.partitionId();
    int attempt = tc.attemptNumber();
    ClipModel clip = ExecutorModels.acquire(model.fingerprint(), localBundle(model), Math.max(1, tc.cpus()));
    try (ImageEncoder encoder = clip.newImageEncoder()) {
      String stem = String.format("%s-s%d-p%05d-a%d", ResultFiles.safe(appId), tc.stageId(), partition, attempt);
      Map<String, Object> producer = new LinkedHashMap<>();
      producer.put("engine", engine);
      producer.put("app_id", appId);
      producer.put("stage", tc.stageId());
      producer.put("partition", partition);
      producer.put("attempt", attempt);
      producer.put("model", model.name());
      producer.put("plan", planUri);
      SweepWorker.Result r = SweepWorker.run(lines, clip.bundle().preprocessing(), encoder, storage.source(), storage.sink(shardDir),
          new SweepWorker.Options(batch, shardRows, stem, 100), producer, partition, attempt);
      return List.of(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(r))
          .iterator();
    } finally {
      ExecutorModels.release();
    }
  }

  /** The bundle on this executor's disk: as given, or copied once from an object store. */
  private Path localBundle(SweepPlan.Model model) throws java.io.IOException {
    if (Storage.isLocal(bundle)) return bundle.startsWith("file:") ? Path.of(java.net.URI.create(bundle)) : Path.of(bundle);
    Path dest = Path.of(SparkFiles.getRootDirectory(), "clipwb-bundles", model.cacheDir());
    synchronized (EmbedPartition.class) {
      if (!Files.isDirectory(dest)) {
        Path tmp = Files.createTempDirectory(Path.of(SparkFiles.getRootDirectory()), "bundle");
        Path copy = tmp.resolve("bundle");
        storage.copyToLocal(bundle, copy);
        Files.createDirectories(dest.getParent());
        Files.move(copy, dest);
      }
    }
    return dest;
  }
}
