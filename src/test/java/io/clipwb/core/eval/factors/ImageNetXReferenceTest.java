package io.clipwb.core.eval.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reproduces {@code ../shared/reference/imagenet_x.json} (facebookresearch/imagenetx
 * {@code compute_factor_accuracies} and {@code error_ratio} on the real multi-factor train
 * annotations) within 1e-9.
 */
@Tag("reference")
class ImageNetXReferenceTest {
  @Test
  void factorAccuracyAndErrorRatioMatchTheReference() {
    JsonNode ref = Json.read(Shared.path("reference/imagenet_x.json"));
    Path dir = Shared.path("data/imagenet-x");
    ImageNetX.Annotations ann = ImageNetX.readAnnotations(dir.resolve("imagenet_x_train_multi_factor.jsonl"));
    assertTrue(ann.problems().isEmpty(), ann.problems().toString());
    assertEquals("multi", ann.variant());
    assertEquals(11233, ann.rows().size());
    List<PredictionCsv.Prediction> preds = new ArrayList<>();
    int line = 2;
    for (JsonNode p : ref.get("predictions")) {
      preds.add(new PredictionCsv.Prediction(line++, p.get("file_name").asText(), null, null, p.get("is_correct").asBoolean()));
    }
    String[] meta = ImageNetX.readMetaclasses(dir.resolve("imagenet_1k_classes_to_100_metaclasses.csv"));
    Set<String> protos = ImageNetX.readPrototypes(dir.resolve("prototypical_paths.csv"));
    ImageNetXJoin.Joined j = ImageNetXJoin.join(ann.rows(), preds, meta, protos);
    assertEquals(11233, j.stats().nJoined());
    FactorAnalysis.Result r = FactorAnalysis.compute(j.table(), new FactorAnalysis.Params("ref", "multi", "multi", "ref"), Cancellation.none());
    JsonNode fa = ref.get("expected").get("factor_accuracy");
    JsonNode er = ref.get("expected").get("error_ratio");
    assertEquals(18, fa.size());
    fa.fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(), r.factorAccuracy().get(e.getKey()), 1e-9, e.getKey()));
    assertEquals(16, er.size());
    er.fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(), r.errorRatio().get(e.getKey()), 1e-9, e.getKey()));
    assertEquals("partial_view", r.worstFactorName());
    // drill-down: the rows listed for a factor reproduce its accuracy
    int[] rows = r.factorRows().get("partial_view");
    long ok = java.util.Arrays.stream(rows).filter(i -> r.correct()[i]).count();
    assertEquals(r.factorAccuracy().get("partial_view"), (double) ok / rows.length, 0.0);
    assertTrue(r.perGroup().containsKey("dog") && r.perGroup().containsKey("other"));
  }
}
