package io.clipwb.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder entries passed over are recorded with a reason; manifest rows stay inside their folder; '\' separators work. */
class DatasetListingTest {
  @TempDir Path tmp;

  private Path touch(String rel) throws Exception {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
    return p;
  }

  @Test
  void junkLinksPipesAndFoldersNamedLikeImagesAreListedWithReasons() throws Exception {
    touch("ds/cat/a.jpg");
    touch("ds/cat/._a.jpg");
    touch("ds/cat/.DS_Store");
    touch("ds/cat/Thumbs.db");
    touch("ds/cat/notes.txt");
    touch("ds/dog/b.png");
    touch("ds/dog/x.jpg/inner.png");
    Files.createSymbolicLink(tmp.resolve("ds/dog/dangling.jpg"), tmp.resolve("nowhere.jpg"));
    Files.createSymbolicLink(tmp.resolve("ds/dog/loop1.jpg"), tmp.resolve("ds/dog/loop2.jpg"));
    Files.createSymbolicLink(tmp.resolve("ds/dog/loop2.jpg"), tmp.resolve("ds/dog/loop1.jpg"));
    Files.createSymbolicLink(tmp.resolve("ds/dog/linked.png"), tmp.resolve("ds/cat/a.jpg"));
    boolean fifo = new ProcessBuilder("mkfifo", tmp.resolve("ds/dog/pipe.jpg").toString()).start().waitFor() == 0;

    Dataset d = Datasets.open(tmp.resolve("ds"), Optional.empty());
    assertEquals(List.of("cat/a.jpg", "dog/b.png", "dog/linked.png", "dog/x.jpg/inner.png"), d.items().stream().map(DataItem::id).toList());
    Map<String, String> why = d.skipped().stream().collect(Collectors.toMap(Skipped::path, Skipped::reason));
    assertTrue(why.get("cat/._a.jpg").contains("AppleDouble"), why.toString());
    assertTrue(why.get("cat/.DS_Store").contains("metadata"), why.toString());
    assertTrue(why.get("cat/Thumbs.db").contains("metadata"), why.toString());
    assertTrue(why.get("cat/notes.txt").contains("not an image file name"), why.toString());
    assertTrue(why.get("dog/x.jpg").contains("folder named like an image"), why.toString());
    assertTrue(why.get("dog/dangling.jpg").contains("dangling"), why.toString());
    assertTrue(why.get("dog/loop1.jpg").contains("loop"), why.toString());
    if (fifo) assertTrue(why.get("dog/pipe.jpg").contains("not a regular file"), why.toString());
    assertEquals(fifo ? 9 : 8, d.skipped().size(), why.toString());
  }

  @Test
  void aFlatFolderRecordsItsJunkToo() throws Exception {
    touch("flat/n01_a.jpg");
    touch("flat/._n01_a.jpg");
    Dataset d = Datasets.open(tmp.resolve("flat"), Optional.of(ClassSet.ofNames(List.of("one")).withIds(List.of("n01"))));
    assertEquals(1, d.items().size());
    assertEquals(List.of(new Skipped("._n01_a.jpg", "macOS resource-fork file (AppleDouble), not an image")), d.skipped());
  }

  @Test
  void manifestRowsOutsideTheManifestFolderAreRefusedUnlessAllowed() throws Exception {
    touch("secret/passwd");
    touch("data/img/a.png");
    Files.writeString(tmp.resolve("data/classes.json"), "[\"cat\"]");
    Path m = tmp.resolve("data/m.csv");
    Files.writeString(m, "path,label\nimg/a.png,0\n../secret/passwd,0\n");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(m, Optional.empty()));
    assertTrue(e.getMessage().startsWith(m + " line 3: path '../secret/passwd' resolves outside the manifest's folder"), e.getMessage());
    assertTrue(e.getMessage().contains("--allow-outside-root"), e.getMessage());
    assertEquals(2, Datasets.open(m, Optional.empty(), true).items().size());

    // the same through a link inside the folder: the real path decides
    Files.createSymbolicLink(tmp.resolve("data/img/link.png"), tmp.resolve("secret/passwd"));
    Files.writeString(m, "path,label\nimg/link.png,0\n");
    e = assertThrows(DatasetException.class, () -> Datasets.open(m, Optional.empty()));
    assertTrue(e.getMessage().contains("line 2: path 'img/link.png' is a link to"), e.getMessage());
    assertEquals(1, Datasets.open(m, Optional.empty(), true).items().size());

    Files.writeString(m, "path,label\n" + tmp.resolve("secret/passwd") + ",0\n");
    assertThrows(DatasetException.class, () -> Datasets.open(m, Optional.empty()));
  }

  @Test
  void windowsSeparatorsInAManifestNameTheSameFiles() throws Exception {
    Path img = touch("data/img/sub/a.png");
    Files.writeString(tmp.resolve("data/classes.json"), "[\"cat\"]");
    Path m = tmp.resolve("data/m.csv");
    Files.writeString(m, "path,label\nimg\\sub\\a.png,0\n");
    Dataset d = Datasets.open(m, Optional.empty());
    assertEquals("img/sub/a.png", d.items().get(0).id());
    assertEquals(img, d.items().get(0).path());
    Path j = tmp.resolve("data/m.jsonl");
    Files.writeString(j, "{\"path\": \"img\\\\sub\\\\a.png\", \"label\": 0}\n");
    assertEquals(img, Datasets.open(j, Optional.empty()).items().get(0).path());
  }
}
