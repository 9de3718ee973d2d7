package io.clipwb.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  @TempDir Path dir;

  @Test
  void parsesQuotesEmbeddedNewlinesAndKeepsLineNumbers() {
    String text = "a,b,c\r\n1,\"x,y\",3\n\n4,\"multi\nline\",6\r\n7,\"q\"\"uote\",9";
    Csv.Table t = Csv.parse(text, ',', "t.csv");
    assertEquals(List.of("a", "b", "c"), t.header());
    assertEquals(3, t.rows().size());
    assertEquals(2, t.rows().get(0).line());
    assertEquals(List.of("1", "x,y", "3"), t.rows().get(0).values());
    assertEquals(4, t.rows().get(1).line());
    assertEquals("multi\nline", t.rows().get(1).get(1));
    assertEquals(6, t.rows().get(2).line());
    assertEquals("q\"uote", t.rows().get(2).get(1));
  }

  @Test
  void crlfEndsRecordsAndStaysInsideQuotedFields() {
    Csv.Table t = Csv.parse("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n", ',', "crlf.csv");
    assertEquals(List.of("x\r\ny", "2"), t.rows().get(0).values());
    assertEquals(List.of("3", "4"), t.rows().get(1).values());
    assertEquals(4, t.rows().get(1).line());
  }

  @Test
  void stripsTheByteOrderMarkAndReadsUtf8() throws Exception {
    Path f = dir.resolve("bom.csv");
    Files.write(f, "\uFEFFpath,label\nä.png,Käfer\n".getBytes(StandardCharsets.UTF_8));
    Csv.Table t = Csv.read(f);
    assertEquals(List.of("path", "label"), t.header());
    assertEquals(0, t.column("PATH"));
    assertEquals(List.of(Map.of("path", "ä.png", "label", "Käfer")), t.maps());
  }

  @Test
  void tabSeparatedAndEmptyFields() {
    Csv.Table t = Csv.parse("a\tb\tc\n\t\"x\ty\"\t\n", '\t', "t.tsv");
    assertEquals(List.of("", "x\ty", ""), t.rows().get(0).values());
  }

  @Test
  void raggedRowIsAnErrorNamingFileAndLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse("a,b\n1,2\n\n3\n", ',', "rag.csv"));
    assertTrue(e.getMessage().startsWith("rag.csv: line 4: 1 fields, the header has 2"), e.getMessage());
  }

  @Test
  void raggedReadKeepsShortAndLongRows() throws Exception {
    Path f = dir.resolve("rag.tsv");
    Files.writeString(f, "a\tb\n1\n2\t3\t4\n");
    Csv.Table t = Csv.readRagged(f, '\t');
    assertEquals(List.of("1"), t.rows().get(0).values());
    assertEquals(List.of("2", "3", "4"), t.rows().get(1).values());
  }

  @Test
  void malformedQuotingIsAnErrorNamingFileAndLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse("a,b\n1,2\n1,\"oops\nmore\n", ',', "bad.csv"));
    assertTrue(e.getMessage().startsWith("bad.csv: line 3: unterminated"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n1,ab\"c\n", ',', "q.csv"));
    assertTrue(e.getMessage().startsWith("q.csv: line 2: quote inside an unquoted field"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n\"x\ny\",\"z\"w\n", ',', "c.csv"));
    assertTrue(e.getMessage().startsWith("c.csv: line 3: text after the closing quote"), e.getMessage());
  }

  @Test
  void emptyFileIsAnError() throws Exception {
    Path f = dir.resolve("empty.csv");
    Files.writeString(f, "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f));
    assertTrue(e.getMessage().contains("empty.csv: empty file"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("\n \n", ',', "blank.csv"));
  }

  @Test
  void headerOnlyHasNoRows() {
    assertEquals(List.of(), Csv.parse("a,b\n", ',', "h.csv").rows());
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n", ',', "h.csv").requireColumn("c"));
  }

  @Test
  void writerQuotesOnlyWhenNeededAndRoundTrips() throws Exception {
    assertEquals("plain", Csv.field("plain"));
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
    assertEquals("", Csv.field(null));
    assertEquals("a,b", Csv.quote("a,b", '\t'));
    List<List<String>> rows = List.of(List.of("a,b", "c\"d", "e\nf"), List.of("", "x", "y"));
    Path f = dir.resolve("out.csv");
    Csv.write(f, List.of("h1", "h2", "h3"), rows, ',');
    assertEquals("h1,h2,h3\n\"a,b\",\"c\"\"d\",\"e\nf\"\n,x,y\n", Files.readString(f));
    assertEquals(rows, Csv.read(f).rows().stream().map(Csv.Row::values).toList());
  }

  @Test
  void numbersHaveOneNanConvention() {
    assertEquals("", Csv.num(Double.NaN));
    assertEquals("", Csv.exact(Double.NaN));
    assertEquals("0.1000000000", Csv.num(0.1));
    assertEquals("1.234567890e-05", Csv.num(1.23456789e-5));
    assertEquals("0.1", Csv.exact(0.1));
    assertEquals("inf", Csv.exact(Double.POSITIVE_INFINITY));
  }
}
