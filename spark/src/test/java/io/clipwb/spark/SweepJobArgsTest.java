package io.clipwb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The driver's arguments and how it tells POSIX paths from Hadoop URIs (no Spark context needed). */
@Tag("spark")
class SweepJobArgsTest {
  @Test
  void parsesDefaultsAndOptions() {
    SweepJob.Args a = SweepJob.Args.parse("--plan", "/p", "--out", "s3a://b/o");
    assertEquals(32, a.batch());
    assertEquals(10_000, a.shardRows());
    assertEquals(Set.of(), a.models());
    SweepJob.Args b = SweepJob.Args.parse("--plan", "/p", "--out", "/o", "--models", "x,y", "--batch", "8", "--shard-rows", "5",
        "--task-images", "7");
    assertEquals(Set.of("x", "y"), b.models());
    assertEquals(7, b.taskImages());
    assertThrows(IllegalArgumentException.class, () -> SweepJob.Args.parse("--plan", "/p"));
    assertThrows(IllegalArgumentException.class, () -> SweepJob.Args.parse("--plan", "/p", "--out", "/o", "--bogus", "1"));
    assertThrows(IllegalArgumentException.class, () -> SweepJob.Args.parse("--plan", "/p", "--out", "/o", "--batch", "0"));
  }

  @Test
  void plainPathsArePosixAndBecomeFileUrisForHadoop() {
    assertTrue(Storage.isLocal("/shared/plan"));
    assertTrue(Storage.isLocal("file:/shared/plan"));
    assertFalse(Storage.isLocal("s3a://bucket/plan"));
    assertFalse(Storage.isLocal("hdfs:///sweeps/plan"));
    assertEquals("file:///shared/plan/00-m.jsonl", Storage.hadoopUri("/shared/plan/00-m.jsonl"));
    assertEquals("s3a://bucket/plan/00-m.jsonl", Storage.hadoopUri("s3a://bucket/plan/00-m.jsonl"));
    assertEquals("s3a://bucket/plan/x", Storage.join("s3a://bucket/plan/", "x"));
  }
}
