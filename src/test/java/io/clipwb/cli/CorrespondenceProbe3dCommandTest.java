package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipwb correspondence --protocol probe3d} on Open3D's frames against Probe3D's own numbers. */
class CorrespondenceProbe3dCommandTest {
  @TempDir Path tmp;

  private static Path fixture(String name) throws Exception {
    return Path.of(CorrespondenceProbe3dCommandTest.class.getResource("/io/clipwb/core/eval/correspondence/probe3d/" + name).toURI());
  }

  @Test
  @Tag("reference")
  void probe3dProtocolReproducesProbe3dRecall() throws Exception {
    Path frames = Shared.path("data/rgbd/open3d");
    JsonNode exp = Json.read(fixture("expected.json")).get("pairs").get(0); // frames 00000 -> 00004
    assertEquals("00000", exp.get("a").asText());
    assertEquals("00004", exp.get("b").asText());
    RetrievalCorrespondenceCommandTest.Run r = RetrievalCorrespondenceCommandTest.run("correspondence", "--protocol", "probe3d",
        "--frames", frames.toString(), "--pairs", "0,4", "--patches-dir", fixture("features").toString(), "--out", tmp.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode s = Json.mapper().readTree(r.out());
    assertEquals("probe3d", s.get("protocol").asText());
    assertEquals(1000, s.get("matches").asInt());
    assertEquals(exp.get("valid_a").asInt(), s.get("per_pair").get(0).get("points_a").asInt());
    assertEquals(exp.get("recall@10px").asDouble(), s.get("recall").get("recall@10px").asDouble(), 3e-3);
    assertEquals(1, s.get("rotation_bins").get(0).get("pairs").asInt());
    List<String> csv = Files.readAllLines(tmp.resolve("o/matches.csv"));
    assertEquals(1001, csv.size());
    assertTrue(csv.get(0).startsWith("pair,view_a,view_b,xa,ya,xb,yb,"), csv.get(0));
    assertEquals("probe3d", Json.read(tmp.resolve("o/correspondence.json")).get("result").get("protocol").asText());
  }

  @Test
  void probe3dRefusesTheSamplingOptionsAndUnknownProtocols() throws Exception {
    RetrievalCorrespondenceCommandTest.Run r = RetrievalCorrespondenceCommandTest.run("correspondence", "--protocol", "probe3d",
        "--frames", tmp.toString(), "--pairs", "0,1", "--patches-dir", tmp.toString(), "--samples", "50");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--samples does not apply to --protocol probe3d"), r.err());
    RetrievalCorrespondenceCommandTest.Run u = RetrievalCorrespondenceCommandTest.run("correspondence", "--protocol", "probe3",
        "--frames", tmp.toString(), "--pairs", "0,1", "--patches-dir", tmp.toString());
    assertEquals(2, u.code());
    assertTrue(u.err().contains("--protocol must be default or probe3d"), u.err());
  }
}
