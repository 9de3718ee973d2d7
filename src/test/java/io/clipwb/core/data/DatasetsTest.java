package io.clipwb.core.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clipwb.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path tmp;

  private Path touch(String rel) throws Exception {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
    return p;
  }

  @Test
  void corruptionLayoutCarriesCorruptionAndSeverity() throws Exception {
    touch("c/fog/10/dog/x.jpg");
    touch("c/fog/2/cat/a.jpg");
    touch("c/fog/2/dog/b.jpg");
    touch("c/gaussian_noise/1/cat/a.jpg");
    touch("c/.clipwb-corrupt-cache.json");
    Dataset d = Datasets.open(tmp.resolve("c"), Optional.empty());
    assertEquals("corruption", d.layout());
    assertEquals(List.of("cat", "dog"), d.classes().names());
    // severities in numeric order (2 before 10), then class, then file
    assertEquals(List.of("fog/2/cat/a.jpg", "fog/2/dog/b.jpg", "fog/10/dog/x.jpg", "gaussian_noise/1/cat/a.jpg"),
        d.items().stream().map(DataItem::id).toList());
    assertEquals(List.of(0, 1, 1, 0), d.items().stream().map(DataItem::label).toList());
    assertEquals("fog", d.items().get(2).metadata().get("corruption"));
    assertEquals("10", d.items().get(2).metadata().get("severity"));

    ClassSet given = ClassSet.ofNames(List.of("bird", "cat", "dog"));
    Dataset withClasses = Datasets.open(tmp.resolve("c"), Optional.of(given));
    assertEquals(List.of(1, 2, 2, 1), withClasses.items().stream().map(DataItem::label).toList());
    DatasetException e = assertThrows(DatasetException.class,
        () -> Datasets.open(tmp.resolve("c"), Optional.of(ClassSet.ofNames(List.of("cat")))));
    assertTrue(e.getMessage().contains("1 of 2 class folders match no class") && e.getMessage().contains("dog"), e.getMessage());
  }

  @Test
  void aNumberedFolderWithFilesIsAnImageFolderNotACorruptedSet() throws Exception {
    touch("n/a/1/x.jpg");
    Dataset d = Datasets.open(tmp.resolve("n"), Optional.empty());
    assertEquals("image-folder", d.layout());
    assertEquals(List.of("a"), d.classes().names());
  }

  @Test
  void imageFolderSortsClassesAndItems() throws Exception {
    touch("ds/cat/b.jpg");
    touch("ds/cat/a.png");
    touch("ds/dog/x.JPEG");
    touch("ds/dog/notes.txt");
    Dataset d = Datasets.open(tmp.resolve("ds"), Optional.empty());
    assertEquals("image-folder", d.layout());
    assertEquals(List.of("cat", "dog"), d.classes().names());
    assertEquals(List.of("cat/a.png", "cat/b.jpg", "dog/x.JPEG"), d.items().stream().map(DataItem::id).toList());
    assertEquals(List.of(0, 0, 1), d.items().stream().map(DataItem::label).toList());
  }

  @Test
  void foldersThatMatchNoClassAreNamed() throws Exception {
    touch("ds/cat/a.jpg");
    touch("ds/zebra/a.jpg");
    DatasetException e = assertThrows(DatasetException.class,
        () -> Datasets.open(tmp.resolve("ds"), Optional.of(ClassSet.ofNames(List.of("cat", "dog")))));
    assertTrue(e.getMessage().contains("zebra"), e.getMessage());
  }

  @Test
  void missingPathIsReported() {
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp.resolve("nope"), Optional.empty()));
    assertTrue(e.getMessage().contains("does not exist"));
  }

  @Test
  void manifestCsvWithMetadataAndNamedLabels() throws Exception {
    touch("m/img/1.png");
    Files.writeString(tmp.resolve("m/classes.json"), "[\"cat\", \"dog\"]");
    Files.writeString(tmp.resolve("m/test.csv"), "path,label,corruption,severity\nimg/1.png,dog,fog,3\n\"img/2,x.png\",0,fog,1\n");
    Dataset d = Datasets.open(tmp.resolve("m/test.csv"), Optional.empty());
    assertEquals(2, d.items().size());
    assertEquals(1, d.items().get(0).label());
    assertEquals("3", d.items().get(0).metadata().get("severity"));
    assertEquals("img/2,x.png", d.items().get(1).id());
    assertEquals(tmp.resolve("m/img/1.png").normalize(), d.items().get(0).path());
  }

  @Test
  void malformedManifestRowsNameTheLine() throws Exception {
    Files.writeString(tmp.resolve("classes.json"), "[\"cat\", \"dog\"]");
    Files.writeString(tmp.resolve("a.csv"), "path,label\na.png,cat\nb.png,cat,extra\n");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp.resolve("a.csv"), Optional.empty()));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    Files.writeString(tmp.resolve("b.csv"), "path,label\na.png,horse\n");
    e = assertThrows(DatasetException.class, () -> Datasets.open(tmp.resolve("b.csv"), Optional.empty()));
    assertTrue(e.getMessage().contains("horse"), e.getMessage());
    Files.writeString(tmp.resolve("c.jsonl"), "{\"path\": \"a.png\", \"label\": 1}\n{not json\n");
    e = assertThrows(DatasetException.class, () -> Datasets.open(tmp.resolve("c.jsonl"), Optional.empty()));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void jsonlManifestKeepsMetadata() throws Exception {
    Files.writeString(tmp.resolve("classes.json"), "{\"ids\": [\"n1\", \"n2\"], \"names\": [\"cat\", \"dog\"]}");
    Files.writeString(tmp.resolve("d.jsonl"), "{\"path\": \"a.png\", \"label\": \"n2\", \"role\": \"ood\", \"dark\": 1}\n");
    Dataset d = Datasets.open(tmp.resolve("d.jsonl"), Optional.empty());
    assertEquals(1, d.items().get(0).label());
    assertEquals("ood", d.items().get(0).metadata().get("role"));
    assertEquals("1", d.items().get(0).metadata().get("dark"));
  }

  @Test
  void realCueConflictLayout() {
    Path p = Shared.path("data/texture-vs-shape/style-transfer-preprocessed-512");
    Dataset d = Datasets.open(p, Optional.empty());
    assertEquals("cue-conflict", d.layout());
    assertEquals(16, d.classes().size());
    assertEquals(1280, d.items().size());
    assertEquals(80, d.items().stream().filter(i -> i.metadata().get("conflict").equals("0")).count());
    DataItem first = d.items().get(0);
    assertEquals("airplane", first.metadata().get("shape"));
    assertEquals(first.label(), d.classes().indexOf("airplane").orElseThrow());
  }

  @Test
  void realImagenetSamplesAgainstImagenet1k() {
    Path p = Shared.path("data/imagenet-samples");
    ClassSet in1k = ClassSets.imagenet1k();
    assertEquals(1000, in1k.size());
    Dataset d = Datasets.open(p, Optional.of(in1k));
    assertEquals("flat-prefixed", d.layout());
    assertTrue(d.items().size() >= 100);
    DataItem tench = d.items().stream().filter(i -> i.id().startsWith("n01440764")).findFirst().orElseThrow();
    assertEquals(0, tench.label());
  }

  @Test
  void indexingManyFilesHoldsNoPixels() throws Exception {
    for (int c = 0; c < 20; c++) for (int i = 0; i < 100; i++) touch("big/c" + c + "/img" + i + ".jpg");
    Dataset d = Datasets.open(tmp.resolve("big"), Optional.empty());
    assertEquals(2000, d.items().size());
    assertEquals(20, d.classes().size());
  }
}
