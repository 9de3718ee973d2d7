package io.clipwb.core.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionSetReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String KARPATHY = """
      {"dataset": "coco", "images": [
        {"filepath": "val2014", "filename": "a.jpg", "split": "test", "imgid": 0,
         "sentences": [{"raw": "A dog.", "tokens": ["a", "dog"]}, {"raw": "A brown dog runs."}]},
        {"filepath": "val2014", "filename": "b.jpg", "split": "train",
         "sentences": [{"raw": "A cat."}]},
        {"filepath": "val2014", "filename": "c.jpg", "split": "test",
         "sentences": [{"raw": "Two birds."}, {"raw": "Birds on a wire."}, {"raw": " A wire. "}]}
      ]}
      """;

  @Test
  void readsKarpathySplitJsonKeepingOneSplit() throws Exception {
    CaptionSet s = CaptionSetReader.read(write("dataset_coco.json", KARPATHY), "test");
    assertEquals(List.of("val2014/a.jpg", "val2014/c.jpg"), s.images());
    assertEquals(List.of("A dog.", "A brown dog runs.", "Two birds.", "Birds on a wire.", "A wire."), s.captions());
    assertArrayEquals(new int[] {0, 0, 1, 1, 1}, s.textToImage());
    assertArrayEquals(new int[] {2, 3, 4}, s.imageToTexts()[1]);
    assertEquals(3, CaptionSetReader.read(dir.resolve("dataset_coco.json"), "all").images().size());
  }

  @Test
  void flickrStyleWithoutFilepathUsesTheFilename() throws Exception {
    Path p = write("dataset_flickr30k.json", """
        {"images": [{"filename": "1000092795.jpg", "split": "test", "sentences": [{"raw": "Two young guys."}]}]}
        """);
    assertEquals(List.of("1000092795.jpg"), CaptionSetReader.karpathy(p, "test").images());
  }

  @Test
  void malformedKarpathyJsonNamesTheField() throws Exception {
    assertMessage(write("x.json", "{\"images\": [{\"filename\": \"a.jpg\", \"split\": \"test\"}]}"), "test",
        "images[0] (a.jpg): missing \"sentences\" array");
    assertMessage(write("x.json", "{\"images\": [{\"filename\": \"a.jpg\", \"split\": \"test\", \"sentences\": [{\"tokens\": []}]}]}"),
        "test", "images[0].sentences[0]: missing field \"raw\"");
    assertMessage(write("x.json", "{\"images\": [{\"split\": \"test\", \"sentences\": []}]}"), "test",
        "images[0]: missing field \"filename\"");
    assertMessage(write("x.json", "{\"images\": [{\"filename\": 3, \"split\": \"test\"}]}"), "test",
        "field \"filename\" must be a string");
    assertMessage(write("x.json", "{\"imgs\": []}"), "test", "with an \"images\" array");
    assertMessage(write("x.json", "{\"images\": [ {\"filename\": "), "test", "not valid JSON");
    assertMessage(write("x.json", KARPATHY), "val", "no images with split \"val\" (splits present: test, train)");
  }

  @Test
  void readsCsvWithQuotesAndSeveralCaptionsPerImage() throws Exception {
    Path p = write("caps.csv", "id,image,caption\r\n"
        + "1,img/a.png,\"A dog, running\"\r\n"
        + "2,img/b.png,A cat\n"
        + "3,img/a.png,\"He said \"\"woof\"\"\nloudly\"\n"
        + "\n");
    CaptionSet s = CaptionSetReader.read(p, null);
    assertEquals(List.of("img/a.png", "img/b.png"), s.images());
    assertEquals(List.of("A dog, running", "A cat", "He said \"woof\"\nloudly"), s.captions());
    assertArrayEquals(new int[] {0, 1, 0}, s.textToImage());
  }

  @Test
  void malformedCsvNamesTheRow() throws Exception {
    assertMessage(write("a.csv", "path,text\nx.png,hello\n"), null, "line 1 must be a header with columns \"image\" and \"caption\"");
    assertMessage(write("b.csv", "image,caption\nx.png,hello\ny.png\n"), null, "line 3: 1 fields, the header has 2");
    assertMessage(write("c.csv", "image,caption\nx.png,\"unterminated\n"), null, "unterminated quoted field");
    assertMessage(write("d.csv", "image,caption\nx.png,   \n"), null, "line 2: empty caption");
    assertMessage(write("e.csv", "image,caption\n,hello\n"), null, "line 2: empty \"image\" field");
    assertMessage(write("f.csv", "image,caption\n"), null, "no caption rows");
  }

  @Test
  void readsJsonl() throws Exception {
    Path p = write("caps.jsonl", """
        {"image": "a.png", "caption": "first"}

        {"image": "b.png", "captions": ["second", "third"]}
        {"image": "a.png", "caption": "fourth"}
        """);
    CaptionSet s = CaptionSetReader.read(p, null);
    assertEquals(List.of("a.png", "b.png"), s.images());
    assertArrayEquals(new int[] {0, 1, 1, 0}, s.textToImage());
    assertMessage(write("x.jsonl", "{\"image\": \"a.png\", \"caption\": \"ok\"}\n{\"image\": \"a.png\"}\n"), null,
        "line 2: missing field \"caption\"");
    assertMessage(write("y.jsonl", "{\"image\": \"a.png\", \"caption\": \"ok\"}\n{oops\n"), null, "line 2: not valid JSON");
    assertMessage(write("z.jsonl", "{\"image\": \"a.png\", \"captions\": []}\n"), null, "line 1: \"captions\" must be a non-empty array");
  }

  @Test
  void unknownExtensionIsExplained() throws Exception {
    assertMessage(write("caps.txt", "x"), null, "cannot tell the caption file format");
  }

  private static void assertMessage(Path file, String split, String expected) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> CaptionSetReader.read(file, split));
    assertTrue(ex.getMessage().contains(expected), "message was: " + ex.getMessage());
    assertTrue(ex.getMessage().contains(file.toString()), "message names the file: " + ex.getMessage());
  }
}
