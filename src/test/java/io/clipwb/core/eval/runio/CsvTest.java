package io.clipwb.core.eval.runio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void parsesQuotesEmbeddedNewlinesAndKeepsLineNumbers() {
    String text = "a,b,c\r\n1,\"x,y\",3\n\n4,\"multi\nline\",6\n7,\"q\"\"uote\",9";
    Csv.Table t = Csv.parse(text, ',', "t.csv");
    assertEquals(List.of("a", "b", "c"), t.header());
    assertEquals(3, t.rows().size());
    assertEquals(2, t.rows().get(0).line());
    assertEquals("x,y", t.rows().get(0).values().get(1));
    assertEquals(4, t.rows().get(1).line());
    assertEquals("multi\nline", t.rows().get(1).values().get(1));
    assertEquals(6, t.rows().get(2).line());
    assertEquals("q\"uote", t.rows().get(2).values().get(1));
  }

  @Test
  void roundTripsThroughFormat() {
    List<List<String>> rows = List.of(List.of("a,b", "c\"d", "e\nf"), List.of("", "x", "y"));
    String s = Csv.format(List.of("h1", "h2", "h3"), rows, ',');
    Csv.Table t = Csv.parse(s, ',', "s");
    assertEquals(rows, t.rows().stream().map(Csv.Row::values).toList());
  }

  @Test
  void unterminatedQuoteNamesTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n1,\"oops\n", ',', "bad.csv"));
    assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 2"), e.getMessage());
  }
}
