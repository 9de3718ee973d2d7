package io.clipwb.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Minimal RFC 4180 CSV line handling (quoted fields with "" escapes, no embedded newlines), enough
 * for manifests and the prediction tables of model-vs-human and ImageNet-X.
 */
public final class Csv {
  private Csv() {}

  public static List<String> parseLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) throw new IllegalArgumentException("unterminated quote");
    out.add(cur.toString());
    return out;
  }

  /** Quotes a field when it needs it. */
  public static String field(String s) {
    if (s == null) return "";
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  public static String line(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) b.append(',');
      b.append(field(fields.get(i)));
    }
    return b.toString();
  }
}
