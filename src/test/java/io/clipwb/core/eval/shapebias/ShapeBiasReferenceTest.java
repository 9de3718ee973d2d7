package io.clipwb.core.eval.shapebias;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reproduces {@code ../shared/reference/shape_bias.json}, computed by bethgelab/model-vs-human's
 * own {@code ShapeBias.analysis} and {@code ImageNetProbabilitiesTo16ClassesMapping}: the numbers
 * must be identical (same float operations), the 64 mapped decisions identical.
 */
@Tag("reference")
class ShapeBiasReferenceTest {
  static JsonNode ref;

  @BeforeEach
  void load() {
    Path p = Shared.path("reference/shape_bias.json");
    ref = Json.read(p);
  }

  static List<Trial> trials() {
    List<Trial> t = new ArrayList<>();
    int k = 1;
    for (JsonNode d : ref.get("decisions")) {
      t.add(Trial.ofDecision("ref", k++, d.get("object_response").asText(), d.get("category").asText(), d.get("imagename").asText()));
    }
    return t;
  }

  @Test
  void overallNumbersAreIdentical() {
    ShapeBias.Result r = ShapeBias.compute(trials(), ShapeBias.Params.of("reference", "as given"), Cancellation.none());
    JsonNode o = ref.get("expected").get("overall");
    assertEquals(1280, r.overall().nTrials());
    assertEquals(80, r.overall().nNoConflict());
    assertEquals(o.get("fraction-correct-shape").asDouble(), r.fractionCorrectShape(), 0.0);
    assertEquals(o.get("fraction-correct-texture").asDouble(), r.fractionCorrectTexture(), 0.0);
    assertEquals(o.get("shape-bias").asDouble(), r.shapeBias(), 0.0);
  }

  @Test
  void perCategoryShapeBiasIsIdentical() {
    ShapeBias.Result r = ShapeBias.compute(trials(), ShapeBias.Params.of("reference", "as given"), Cancellation.none());
    JsonNode pc = ref.get("expected").get("per_category_shape_bias");
    assertEquals(pc.size(), r.perCategory().size());
    pc.fields().forEachRemaining(e ->
        assertEquals(e.getValue().asDouble(), r.perCategory().get(e.getKey()).shapeBias(), 0.0, e.getKey()));
  }

  @Test
  void mapped16ClassDecisionsAreIdentical() {
    SixteenClassMapping m = SixteenClassMapping.fromShared();
    List<String> order = new ArrayList<>();
    ref.get("sixteen_class_order").forEach(n -> order.add(n.asText()));
    assertEquals(order, m.categories());
    JsonNode probs = ref.get("mapping_probabilities_1000");
    JsonNode expected = ref.get("mapping_expected_16_class_decisions");
    assertEquals(64, probs.size());
    for (int i = 0; i < probs.size(); i++) {
      double[] p = new double[1000];
      for (int j = 0; j < 1000; j++) p[j] = probs.get(i).get(j).asDouble();
      assertEquals(expected.get(i).asText(), m.decide(p), "row " + i);
    }
  }
}
