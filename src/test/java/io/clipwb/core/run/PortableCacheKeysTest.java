package io.clipwb.core.run;

import static org.junit.jupiter.api.Assertions.*;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.data.Datasets;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image cache keys are content-addressed (key recipe v2): copies, renamed folders and new mtimes hit;
 * caches written with the v1 path keys still serve their rows. Expected keys are built here from
 * their recipes with {@link MessageDigest}, not by the production key functions.
 */
class PortableCacheKeysTest {
  @TempDir Path tmp;

  private static final ImageEmbedder.Options OPT = new ImageEmbedder.Options(4, 2);

  private static List<DataItem> items(Path root) {
    return Datasets.open(root, Optional.empty()).items();
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** v1 recipe, as the code before content keys computed it. */
  private static String v1Key(Preprocessing pre, Path p) throws Exception {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    String s = pre.cacheKey() + "|" + p.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  /** v2 recipe: preprocessing key | hex SHA-256 of the file's bytes. */
  private static String v2Key(Preprocessing pre, Path p) throws Exception {
    return sha256((pre.cacheKey() + "|" + sha256(Files.readAllBytes(p))).getBytes(StandardCharsets.UTF_8));
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t); // no COPY_ATTRIBUTES: the copies get new modification times
      }
    }
  }

  private ImageEmbedder.Result run(FakeClipModel m, Path data, Path cacheRoot) {
    return ImageEmbedder.run(m, items(data), EmbeddingCache.open(cacheRoot, m.bundle().fingerprint(), "images"), OPT, Progress.NONE,
        Cancellation.none());
  }

  @Test
  void keyIsTheDocumentedRecipe() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 1, 2);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    Preprocessing pre = m.bundle().preprocessing();
    Path img = data.resolve("c0/img1.png");
    assertEquals(v2Key(pre, img), ImageEmbedder.cacheKey(pre, img));
    assertEquals(v2Key(pre, img), ImageEmbedder.contentKey(pre, sha256(Files.readAllBytes(img))));
    assertEquals(v1Key(pre, img), ImageEmbedder.legacyCacheKey(pre, img));
  }

  @Test
  void aCopyInAnotherFolderWithNewMtimesTakesEveryRowFromTheCache() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 3, 5);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    ImageEmbedder.Result first = run(m, data, tmp.resolve("cache"));
    assertEquals(15, first.computed());
    Thread.sleep(20);
    Path copy = tmp.resolve("elsewhere/mount/copy");
    copyTree(data, copy);
    assertNotEquals(Files.getLastModifiedTime(data.resolve("c0/img0.png")), Files.getLastModifiedTime(copy.resolve("c0/img0.png")));
    ImageEmbedder.Result second = run(m, copy, tmp.resolve("cache"));
    assertEquals(0, second.computed());
    assertEquals(15, second.fromCache());
    assertEquals(15, m.imagesEncoded.get(), "nothing encoded for the copy");
    assertEquals(first.items().stream().map(DataItem::id).toList(), second.items().stream().map(DataItem::id).toList());
    for (int i = 0; i < 15; i++) assertArrayEquals(first.embeddings()[i], second.embeddings()[i]);
  }

  @Test
  void aRenamedDataFolderIsNotEmbeddedAgain() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 2, 4);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    run(m, data, tmp.resolve("cache"));
    Path renamed = Files.move(data, tmp.resolve("data-renamed"));
    ImageEmbedder.Result r = run(m, renamed, tmp.resolve("cache"));
    assertEquals(0, r.computed());
    assertEquals(8, r.fromCache());
  }

  @Test
  void anInPlaceRewriteKeepingSizeAndMtimeIsNotDetectedButAReplacedFileIs() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 1, 3);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    run(m, data, tmp.resolve("cache"));
    // same inode, same size, modification time forged back to the nanosecond: the documented blind spot
    Path img = data.resolve("c0/img1.png");
    FileTime t = Files.getLastModifiedTime(img);
    byte[] b = Files.readAllBytes(img);
    b[b.length / 2] ^= 0x01;
    Files.write(img, b);
    Files.setLastModifiedTime(img, t);
    assertEquals(t.to(TimeUnit.NANOSECONDS), Files.getLastModifiedTime(img).to(TimeUnit.NANOSECONDS));
    ImageEmbedder.Result same = run(m, data, tmp.resolve("cache"));
    assertEquals(0, same.computed(), "the stamp (path, size, mtime ns, inode) is unchanged: the old digest is used");
    // replaced through a rename (what editors and most tools do): a new inode, so the stamp changes
    Path img2 = data.resolve("c0/img2.png");
    FileTime t2 = Files.getLastModifiedTime(img2);
    TestImages.write(tmp.resolve("new.png"), 40, 30, 4242);
    Files.move(tmp.resolve("new.png"), img2, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(img2, t2);
    ImageEmbedder.Result replaced = run(m, data, tmp.resolve("cache"));
    assertEquals(1, replaced.computed());
    assertEquals(2, replaced.fromCache());
  }

  @Test
  void aCacheWrittenWithV1PathKeysIsUsedAndMigrated() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 2, 3);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    Preprocessing pre = m.bundle().preprocessing();
    Path cacheRoot = tmp.resolve("cache");
    // a cache as the v1 code wrote it: rows (distinct planted values) under path keys, through the shard writer
    List<DataItem> items = items(data);
    List<String> v1 = new ArrayList<>();
    float[][] rows = new float[items.size()][];
    for (int i = 0; i < items.size(); i++) {
      v1.add(v1Key(pre, items.get(i).path()));
      rows[i] = new float[] {i, 100 + i, -i, 0.5f};
    }
    EmbeddingCache.open(cacheRoot, m.bundle().fingerprint(), "images", 4).put(v1, rows);

    ImageEmbedder.Result r = run(m, data, cacheRoot);
    assertEquals(0, r.computed());
    assertEquals(6, r.fromCache());
    assertEquals(0, m.imagesEncoded.get());
    for (int i = 0; i < 6; i++) assertArrayEquals(rows[i], r.embeddings()[i]);
    EmbeddingCache after = EmbeddingCache.open(cacheRoot, m.bundle().fingerprint(), "images", 4);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(rows[i], after.get(v2Key(pre, items.get(i).path())), "migrated under the content key");
    }
    // after migration a copy elsewhere hits too
    Path copy = tmp.resolve("copy");
    copyTree(data, copy);
    assertEquals(0, run(m, copy, cacheRoot).computed());
  }
}
