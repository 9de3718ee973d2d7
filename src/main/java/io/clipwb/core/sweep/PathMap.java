package io.clipwb.core.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rewrites desktop paths into the paths a cluster sees ({@code --path-map /data=/mnt/shared/data}
 * or {@code /data=s3a://bucket/data}). The cache key is still computed from the desktop path (the
 * desktop must find the rows again); only the location the executors read from changes. The
 * longest matching prefix wins; a path no rule matches is kept as it is.
 */
public final class PathMap {
  /** One rule: an absolute local prefix and what replaces it. */
  public record Rule(String local, String remote) {}

  private final List<Rule> rules;

  private PathMap(List<Rule> rules) {
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparingInt((Rule r) -> r.local().length()).reversed());
    this.rules = List.copyOf(sorted);
  }

  /** No rewriting. */
  public static PathMap identity() {
    return new PathMap(List.of());
  }

  /**
   * Parses {@code LOCAL=REMOTE} rules; LOCAL is made absolute and normalised.
   *
   * @throws IllegalArgumentException naming a rule without {@code =} or with an empty side
   */
  public static PathMap parse(List<String> specs) {
    List<Rule> rules = new ArrayList<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new IllegalArgumentException("path map \"" + s + "\": expected LOCAL=REMOTE, e.g. /data=/mnt/cluster/data");
      }
      String local = Path.of(s.substring(0, eq)).toAbsolutePath().normalize().toString();
      String remote = s.substring(eq + 1);
      rules.add(new Rule(trimSlash(local), trimSlash(remote)));
    }
    return new PathMap(rules);
  }

  private static String trimSlash(String s) {
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The cluster's view of {@code local} (made absolute and normalised first). */
  public String apply(Path local) {
    String p = local.toAbsolutePath().normalize().toString();
    for (Rule r : rules) {
      if (p.equals(r.local())) return r.remote();
      if (p.startsWith(r.local().endsWith("/") ? r.local() : r.local() + "/")) {
        return r.remote() + p.substring(r.local().length() + (r.local().endsWith("/") ? -1 : 0));
      }
    }
    return p;
  }
}
