package io.clipwb.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV and booktabs LaTeX of a small table, compared with hand-written expected text. */
class TableExportTest {
  static final TableExport.Table TABLE = new TableExport.Table(
      List.of("model", "n", "ece_%", "acc"),
      List.of(
          Arrays.asList("vit_b/32 & co", 320, 0.0412, 0.81234),
          Arrays.asList("rn50, \"big\"", 320, 0.0388, Double.NaN),
          Arrays.asList("x~y^z#{}", 16, -0.5, 0.70)));

  @Test
  void csvQuotesAndKeepsFullPrecision() {
    assertEquals("model,n,ece_%,acc\n"
        + "vit_b/32 & co,320,0.04120000000,0.8123400000\n"
        + "\"rn50, \"\"big\"\"\",320,0.03880000000,\n"
        + "x~y^z#{},16,-0.5000000000,0.7000000000\n", TableExport.csv(TABLE));
  }

  @Test
  void latexHasBooktabsEscapesAndBoldBest() {
    String expected = "\\begin{tabular}{lrrr}\n"
        + "\\toprule\n"
        + "model & n & ece\\_\\% & acc \\\\\n"
        + "\\midrule\n"
        + "vit\\_b/32 \\& co & 320 & 0.041 & \\textbf{0.812} \\\\\n"
        + "rn50, \"big\" & 320 & 0.039 & -- \\\\\n"
        + "x\\textasciitilde{}y\\textasciicircum{}z\\#\\{\\} & 16 & \\textbf{$-$0.500} & 0.700 \\\\\n"
        + "\\bottomrule\n"
        + "\\end{tabular}\n";
    assertEquals(expected, TableExport.latex(TABLE, 3, Map.of("ece_%", TableExport.Best.MIN, "acc", TableExport.Best.MAX)));
    assertEquals("a\\textbackslash{}b", TableExport.escape("a\\b"));
  }

  @Test
  void rejectsRaggedRows() {
    assertThrows(IllegalArgumentException.class, () -> new TableExport.Table(List.of("a", "b"), List.of(List.of("x"))));
  }
}
