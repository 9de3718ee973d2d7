package io.clipwb.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Csv;
import io.clipwb.core.io.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens a data set from a path, recognising its layout:
 *
 * <ul>
 *   <li><b>manifest</b> — a {@code .csv} ({@code path,label,<metadata...>}) or {@code .jsonl}
 *       ({@code {"path":..,"label":..,...}}) file; paths relative to the manifest's folder; the label
 *       is a class index or a class id/name; classes from {@code --classes} or a {@code classes.json}
 *       beside the manifest;
 *   <li><b>cue-conflict</b> — Geirhos et al.'s {@code <shape>/<shape>N-<texture>M.png}: the label is the
 *       shape (folder), metadata {@code shape}, {@code texture}, {@code conflict};
 *   <li><b>corruption</b> — ImageNet-C / 3DCC / {@code clipwb corrupt} output,
 *       {@code root/<corruption>/<severity>/<class>/*}: metadata {@code corruption}, {@code severity};
 *   <li><b>image-folder</b> — {@code root/<class>/*} (torchvision's ImageFolder; classes sorted);
 *   <li><b>flat-prefixed</b> — a flat folder of {@code <classid>_<anything>.<ext>} files (e.g.
 *       {@code n01440764_tench.JPEG}); needs a class set with those ids.
 * </ul>
 *
 * Indexing lists file names only; no image is opened.
 */
public final class Datasets {
  private static final Set<String> IMAGE_EXT =
      Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff", "ppm", "pgm");
  private static final Pattern CUE_CONFLICT = Pattern.compile("^([a-z]+)(\\d+)-([a-z]+)(\\d+)\\.png$");

  private Datasets() {}

  public static boolean isImage(Path p) {
    return hasImageExtension(p) && !p.getFileName().toString().startsWith(".");
  }

  /** Whether the name ends in an image extension (hidden names included). */
  static boolean hasImageExtension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && IMAGE_EXT.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Opens a data set; manifest rows must stay inside the manifest's folder.
   *
   * @param classes the class set to use, or empty to take it from the data (folder names, classes.json)
   */
  public static Dataset open(Path path, Optional<ClassSet> classes) {
    return open(path, classes, false);
  }

  /**
   * Opens a data set.
   *
   * @param classes the class set to use, or empty to take it from the data (folder names, classes.json)
   * @param allowOutsideRoot whether manifest rows may name files outside the manifest's folder (after
   *     symbolic links are resolved); refused by default, so a manifest cannot make a run read, and
   *     record, files its author was not meant to reach
   */
  public static Dataset open(Path path, Optional<ClassSet> classes, boolean allowOutsideRoot) {
    if (path == null || path.toString().isBlank()) throw new DatasetException("no data set given (the path is empty)");
    if (!Files.exists(path)) throw new DatasetException("data set " + path + " does not exist");
    String fn = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    if (Files.isRegularFile(path)) {
      String lower = fn.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv") || lower.endsWith(".jsonl")) return manifest(path, classes, allowOutsideRoot);
      throw new DatasetException(path + " is a file but not a manifest (.csv or .jsonl)");
    }
    List<Path> subdirs = list(path, Files::isDirectory);
    if (subdirs.isEmpty()) return flatPrefixed(path, classes);
    if (isCueConflict(subdirs)) return cueConflict(path, subdirs, classes);
    if (isCorruptionLayout(subdirs)) return corrupted(path, subdirs, classes);
    return imageFolder(path, subdirs, classes);
  }

  private interface PathFilter {
    boolean test(Path p);
  }

  private static List<Path> list(Path dir, PathFilter filter) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(filter::test).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String skippedNote(FolderListing listing) {
    List<Skipped> sk = listing.skipped();
    if (sk.isEmpty()) return "";
    StringBuilder b = new StringBuilder(" (" + sk.size() + " entries passed over, e.g. ");
    for (int i = 0; i < Math.min(3, sk.size()); i++) b.append(i > 0 ? "; " : "").append(sk.get(i).path()).append(": ").append(sk.get(i).reason());
    return b.append(")").toString();
  }

  private static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private static boolean isCueConflict(List<Path> subdirs) {
    for (Path d : subdirs) {
      List<Path> files = list(d, Files::isRegularFile);
      if (files.isEmpty()) return false;
      String shape = d.getFileName().toString();
      for (Path f : files) {
        Matcher m = CUE_CONFLICT.matcher(f.getFileName().toString());
        if (!m.matches() || !m.group(1).equals(shape)) return false;
      }
    }
    return true;
  }

  private static ClassSet resolveFolders(Path root, List<Path> subdirs, Optional<ClassSet> classes, int[] labelOut) {
    List<String> folders = subdirs.stream().map(d -> d.getFileName().toString()).toList();
    if (classes.isEmpty()) {
      for (int i = 0; i < folders.size(); i++) labelOut[i] = i;
      return ClassSet.ofNames(folders.stream().map(f -> f.replace('_', ' ')).toList()).withIds(folders);
    }
    ClassSet cs = classes.get();
    List<String> unmatched = new ArrayList<>();
    for (int i = 0; i < folders.size(); i++) {
      Optional<Integer> idx = cs.indexOf(folders.get(i));
      if (idx.isEmpty()) unmatched.add(folders.get(i));
      else labelOut[i] = idx.get();
    }
    if (!unmatched.isEmpty()) {
      throw new DatasetException(
          "in " + root + ", " + unmatched.size() + " of " + folders.size() + " class folders match no class of the given class list: "
              + String.join(", ", unmatched.subList(0, Math.min(10, unmatched.size())))
              + (unmatched.size() > 10 ? ", ..." : ""));
    }
    return cs;
  }

  private static Dataset imageFolder(Path root, List<Path> subdirs, Optional<ClassSet> classes) {
    int[] labels = new int[subdirs.size()];
    ClassSet cs = resolveFolders(root, subdirs, classes, labels);
    List<DataItem> items = new ArrayList<>();
    FolderListing listing = new FolderListing(root);
    for (int i = 0; i < subdirs.size(); i++) {
      for (Path f : listing.imagesUnder(subdirs.get(i))) {
        items.add(new DataItem(rel(root, f), f, labels[i], Map.of()));
      }
    }
    if (items.isEmpty()) throw new DatasetException("no images found under " + root + skippedNote(listing));
    return new Dataset(root.getFileName().toString(), root, "image-folder", cs, items, listing.skipped());
  }

  private static Dataset cueConflict(Path root, List<Path> subdirs, Optional<ClassSet> classes) {
    int[] labels = new int[subdirs.size()];
    ClassSet cs = resolveFolders(root, subdirs, classes, labels);
    List<DataItem> items = new ArrayList<>();
    for (int i = 0; i < subdirs.size(); i++) {
      for (Path f : list(subdirs.get(i), Files::isRegularFile)) {
        Matcher m = CUE_CONFLICT.matcher(f.getFileName().toString());
        m.matches();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("shape", m.group(1));
        meta.put("texture", m.group(3));
        meta.put("conflict", m.group(1).equals(m.group(3)) ? "0" : "1");
        items.add(new DataItem(rel(root, f), f, labels[i], meta));
      }
    }
    return new Dataset(root.getFileName().toString(), root, "cue-conflict", cs, items);
  }

  /**
   * The ImageNet-C / 3DCC layout {@code <root>/<corruption>/<severity>/<class>/*}: every top folder
   * holds only numbered folders, each holding only folders.
   */
  private static boolean isCorruptionLayout(List<Path> subdirs) {
    for (Path d : subdirs) {
      List<Path> sev = list(d, p -> true);
      if (sev.isEmpty()) return false;
      for (Path s : sev) {
        if (!Files.isDirectory(s) || !s.getFileName().toString().matches("\\d+")) return false;
        List<Path> cls = list(s, p -> true);
        if (cls.isEmpty() || !cls.stream().allMatch(Files::isDirectory)) return false;
      }
    }
    return true;
  }

  /**
   * A corrupted set ({@code clipwb corrupt}, ImageNet-C, 3DCC): items carry {@code corruption} and
   * {@code severity} metadata, so calibration and accuracy can be grouped by them; the label comes
   * from the class folder, matched against the class list given, else a {@code classes.json} at the
   * root, else the sorted folder names.
   */
  private static Dataset corrupted(Path root, List<Path> corruptions, Optional<ClassSet> given) {
    Path cj = root.resolve("classes.json");
    Optional<ClassSet> classes = given.isPresent() || !Files.isRegularFile(cj) ? given : Optional.of(ClassSets.load(cj.toString()));
    // one listing pass: the files with their class folder; labels follow the image-folder rules
    record Found(String corruption, int severity, String classFolder, Path file) {}
    List<Found> found = new ArrayList<>();
    FolderListing listing = new FolderListing(root);
    java.util.TreeMap<String, Path> classFolders = new java.util.TreeMap<>();
    for (Path c : corruptions) {
      List<Path> sevs = new ArrayList<>(list(c, p -> true));
      sevs.sort(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())));
      for (Path s : sevs) {
        for (Path k : list(s, p -> true)) {
          classFolders.putIfAbsent(k.getFileName().toString(), k);
          for (Path f : listing.imagesIn(k)) {
            found.add(new Found(c.getFileName().toString(), Integer.parseInt(s.getFileName().toString()),
                k.getFileName().toString(), f));
          }
        }
      }
    }
    List<Path> folders = new ArrayList<>(classFolders.values());
    int[] labels = new int[folders.size()];
    ClassSet cs = resolveFolders(root, folders, classes, labels);
    Map<String, Integer> label = new java.util.HashMap<>();
    for (int i = 0; i < folders.size(); i++) label.put(folders.get(i).getFileName().toString(), labels[i]);
    List<DataItem> items = new ArrayList<>();
    for (Found f : found) {
      items.add(new DataItem(rel(root, f.file()), f.file(), label.get(f.classFolder()),
          Map.of("corruption", f.corruption(), "severity", Integer.toString(f.severity()))));
    }
    if (items.isEmpty()) throw new DatasetException("no images found under corrupted set " + root + skippedNote(listing));
    return new Dataset(root.getFileName().toString(), root, "corruption", cs, items, listing.skipped());
  }

  private static Dataset flatPrefixed(Path root, Optional<ClassSet> classes) {
    FolderListing listing = new FolderListing(root);
    List<Path> files = listing.imagesIn(root);
    if (files.isEmpty()) throw new DatasetException("no images found in " + root + skippedNote(listing));
    List<DataItem> items = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    for (Path f : files) {
      String n = f.getFileName().toString();
      int us = n.indexOf('_');
      String prefix = us > 0 ? n.substring(0, us) : n.substring(0, n.lastIndexOf('.'));
      int label = -1;
      if (classes.isPresent()) {
        Optional<Integer> idx = classes.get().indexOf(prefix);
        if (idx.isEmpty()) unmatched.add(n);
        else label = idx.get();
      }
      items.add(new DataItem(rel(root, f), f, label, Map.of()));
    }
    if (!unmatched.isEmpty()) {
      throw new DatasetException(
          "in " + root + ", " + unmatched.size() + " file names start with no class id of the given class list (expected <classid>_*.ext): "
              + String.join(", ", unmatched.subList(0, Math.min(5, unmatched.size()))));
    }
    ClassSet cs = classes.orElseGet(() -> ClassSet.ofNames(List.of()));
    return new Dataset(root.getFileName().toString(), root, "flat-prefixed", cs, items, listing.skipped());
  }

  private static Dataset manifest(Path file, Optional<ClassSet> classes, boolean allowOutsideRoot) {
    Path base = file.toAbsolutePath().getParent();
    ClassSet cs = classes.orElseGet(() -> {
      Path cj = base.resolve("classes.json");
      if (!Files.isRegularFile(cj)) {
        throw new DatasetException("manifest " + file + " needs a class list: give one, or put classes.json beside it");
      }
      return ClassSets.load(cj.toString());
    });
    boolean jsonl = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    List<DataItem> items = new ArrayList<>();
    ManifestContainment containment = allowOutsideRoot ? null : new ManifestContainment(file, base);
    try {
      for (ManifestRow mr : jsonl ? jsonlRows(file) : csvRows(file)) {
        Map<String, String> row = mr.fields();
        int lineNo = mr.line();
        String p = row.remove("path");
        if (p == null || p.isBlank()) throw new DatasetException(file + " line " + lineNo + ": missing 'path'");
        String lab = row.remove("label");
        int label = -1;
        if (lab != null && !lab.isBlank()) {
          label = parseLabel(lab.trim(), cs, file, lineNo);
        }
        // Windows separators are accepted on every OS: a path's '\\' is a folder separator, never part of a name
        String rel = p.replace('\\', '/');
        Path img;
        try {
          img = base.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
          throw new DatasetException(file + " line " + lineNo + ": 'path' is not a valid file name (" + e.getReason() + ")");
        }
        if (containment != null) containment.check(lineNo, rel, img);
        items.add(new DataItem(rel, img, label, row));
      }
    } catch (IllegalArgumentException e) {
      throw new DatasetException(e.getMessage());
    }
    if (items.isEmpty()) throw new DatasetException("manifest " + file + " lists no images");
    String name = file.getFileName().toString().replaceFirst("\\.(csv|jsonl)$", "");
    return new Dataset(name, base, "manifest", cs, items);
  }

  /** One manifest row: its line and its fields by column name. */
  private record ManifestRow(int line, Map<String, String> fields) {}

  private static List<ManifestRow> csvRows(Path file) {
    Csv.Table t = Csv.read(file);
    if (!t.header().contains("path")) {
      throw new DatasetException(file + " line 1: the header must have a 'path' column (got " + String.join(",", t.header()) + ")");
    }
    List<ManifestRow> out = new ArrayList<>();
    List<Map<String, String>> maps = t.maps();
    for (int i = 0; i < maps.size(); i++) out.add(new ManifestRow(t.rows().get(i).line(), maps.get(i)));
    return out;
  }

  private static List<ManifestRow> jsonlRows(Path file) {
    List<ManifestRow> out = new ArrayList<>();
    for (JsonLines.Line l : JsonLines.read(file)) {
      JsonNode n = l.object(file.toString());
      Map<String, String> row = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        row.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
      out.add(new ManifestRow(l.number(), row));
    }
    return out;
  }

  private static int parseLabel(String lab, ClassSet cs, Path file, int lineNo) {
    if (lab.matches("-?\\d+")) {
      int v = Integer.parseInt(lab);
      if (v < -1 || v >= cs.size()) {
        throw new DatasetException(file + " line " + lineNo + ": label " + v + " is outside 0.." + (cs.size() - 1));
      }
      return v;
    }
    return cs.indexOf(lab).orElseThrow(() ->
        new DatasetException(file + " line " + lineNo + ": label '" + lab + "' is not a class of the class list"));
  }

  /** Distinct values of a metadata column, sorted (for grouping by corruption, factor, ...). */
  public static Set<String> values(Dataset ds, String column) {
    Set<String> out = new TreeSet<>();
    for (DataItem it : ds.items()) {
      String v = it.metadata().get(column);
      if (v != null) out.add(v);
    }
    return out;
  }
}
