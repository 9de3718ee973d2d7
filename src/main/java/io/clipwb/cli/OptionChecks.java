package io.clipwb.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one validation of option values, applied to every command before it runs: numeric options
 * against their range, paths against emptiness. Ranges are kept here, by option name, so that an
 * option means the same in every command ({@code --batch} is at least 1 in eval, bench and project
 * run alike) and a new numeric option cannot slip through unchecked (a test walks every command and
 * fails on a numeric option with no rule).
 *
 * <p>Paths: an empty value ({@code --out ""}, an unset shell variable) would be the current folder,
 * and results would land, and overwrite files, there; it is refused for every path option and
 * parameter.
 */
final class OptionChecks {
  /**
   * An allowed interval; {@code what} says what the option is, for the message.
   *
   * @param minOpen whether {@code min} itself is excluded
   */
  record Range(double min, boolean minOpen, double max, boolean maxOpen, String what) {
    String describe() {
      if (min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY) return "a finite number";
      String lo = min == Double.NEGATIVE_INFINITY ? "" : (minOpen ? "greater than " : "at least ") + fmt(min);
      String hi = max == Double.POSITIVE_INFINITY ? "" : (maxOpen ? "less than " : "at most ") + fmt(max);
      return lo.isEmpty() ? hi : hi.isEmpty() ? lo : lo + " and " + hi;
    }

    boolean contains(double v) {
      if (!Double.isFinite(v)) return false;
      if (minOpen ? v <= min : v < min) return false;
      return maxOpen ? v < max : v <= max;
    }

    private static String fmt(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
  }

  private static Range ints(long min, long max, String what) {
    return new Range(min, false, max, false, what);
  }

  private static Range positive(double max, String what) {
    return new Range(0, true, max, false, what);
  }

  /** Any value is fine (seeds). */
  static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, "any");

  /**
   * Rules by option name, or by {@code "<command> <option>"} where one name means different things
   * in different commands. Upper bounds keep sizes far from int overflow and absurd allocations.
   */
  static final Map<String, Range> RULES = new HashMap<>();

  static {
    RULES.put("--batch", ints(1, 65_536, "images per forward pass"));
    RULES.put("--decode-threads", ints(1, 1024, "decode threads"));
    RULES.put("--threads", ints(0, 1024, "threads (0: one per core)"));
    RULES.put("--bins", ints(1, 100_000, "bins"));
    RULES.put("--histogram-bins", ints(1, 100_000, "histogram bins"));
    RULES.put("--block", ints(1, 1 << 20, "rows per block"));
    RULES.put("bench --classes", ints(1, 1_000_000, "classes"));
    RULES.put("--dim", ints(1, 65_536, "embedding width"));
    RULES.put("--n", ints(1, 100_000_000, "images"));
    RULES.put("--rounds", ints(1, 1000, "rounds"));
    RULES.put("bench --size", ints(1, 4096, "image side in pixels"));
    RULES.put("corrupt --size", ints(1, 8192, "image side in pixels"));
    RULES.put("generate --size", ints(1, 1_000_000, "images per class"));
    RULES.put("--train-size", ints(1, 1_000_000, "images per class"));
    RULES.put("--image-size", ints(1, 4096, "image side in pixels"));
    RULES.put("--input-size", ints(1, 4096, "model input side in pixels"));
    RULES.put("--resize", ints(1, 8192, "resize side in pixels"));
    RULES.put("--samples", ints(1, 100_000_000, "samples"));
    RULES.put("--stride", ints(1, 4096, "stride"));
    RULES.put("--keep-top", ints(1, 1_000_000, "rows kept"));
    RULES.put("--k", ints(1, 1_000_000, "recall cut-off"));
    RULES.put("--dpi", ints(1, 10_000, "dots per inch"));
    RULES.put("--width-mm", positive(10_000, "figure width"));
    RULES.put("--height-mm", positive(10_000, "figure height"));
    RULES.put("--font-size", positive(1000, "font size"));
    RULES.put("--calib-fraction", positive(1, "fraction of rows for fitting the temperature"));
    RULES.put("--tau", positive(1e6, "softmax temperature"));
    RULES.put("--tpr", positive(1, "true-positive rate"));
    RULES.put("--logit-scale", positive(1e6, "logit scale"));
    RULES.put("--alpha", positive(10, "PCK threshold fraction"));
    RULES.put("--depth-scale", positive(1e9, "depth units per metre"));
    RULES.put("--depth-tolerance", new Range(0, false, 1e9, false, "depth tolerance"));
    RULES.put("--hard-threshold", new Range(0, false, 1, false, "threshold"));
    RULES.put("stand-in --unparseable", new Range(0, false, 1, false, "share of unparseable answers"));
    RULES.put("--seed", ANY);
  }

  private OptionChecks() {}

  /** Installs the checks on a command line and all its sub-commands. */
  static void install(CommandLine cl) {
    cl.registerConverter(Path.class, OptionChecks::path);
    CommandLine.IExecutionStrategy inner = cl.getExecutionStrategy();
    cl.setExecutionStrategy(pr -> {
      check(pr);
      return inner.execute(pr);
    });
  }

  static Path path(String s) {
    if (s == null || s.isBlank()) {
      throw new CommandLine.TypeConversionException("an empty path is not allowed (is a shell variable unset?)");
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException("'" + s + "' is not a valid path: " + e.getReason());
    }
  }

  /** The rule of an option of a command, or null when it has none. */
  static Range rule(CommandLine cmd, OptionSpec o) {
    Range r = RULES.get(cmd.getCommandName() + " " + o.longestName());
    return r != null ? r : RULES.get(o.longestName());
  }

  /** Whether an option holds numbers (and therefore needs a rule). */
  static boolean numeric(OptionSpec o) {
    Class<?> t = o.type();
    if (t.isArray()) t = t.getComponentType();
    else if (Collection.class.isAssignableFrom(t) && o.auxiliaryTypes().length > 0) t = o.auxiliaryTypes()[0];
    if (t.isPrimitive()) return t != boolean.class && t != char.class;
    return Number.class.isAssignableFrom(t);
  }

  static void check(ParseResult top) {
    for (CommandLine c : top.asCommandLineList()) {
      ParseResult pr = c.getParseResult();
      if (pr == null) continue;
      for (OptionSpec o : pr.matchedOptions()) {
        if (!numeric(o)) continue;
        Range r = rule(c, o);
        if (r == null || r == ANY) continue;
        for (Number v : numbers(o.getValue())) {
          if (!r.contains(v.doubleValue())) {
            throw new ParameterException(c, String.format(Locale.ROOT, "Invalid value for option '%s': %s (%s) must be %s", o.longestName(),
                v, r.what(), r.describe()));
          }
        }
      }
    }
  }

  private static java.util.List<Number> numbers(Object v) {
    java.util.List<Number> out = new java.util.ArrayList<>();
    if (v instanceof Number n) out.add(n);
    else if (v instanceof int[] a) for (int x : a) out.add(x);
    else if (v instanceof long[] a) for (long x : a) out.add(x);
    else if (v instanceof double[] a) for (double x : a) out.add(x);
    else if (v instanceof Collection<?> c) for (Object x : c) if (x instanceof Number n) out.add(n);
    return out;
  }
}
