package io.clipwb.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The classes of a classification data set: stable ids (e.g. ImageNet WNIDs, or folder names) and
 * the human-readable names put into prompts ("a photo of a {c}."). Index = position in the list,
 * the order of the model's logits.
 */
public record ClassSet(List<String> ids, List<String> names) {
  public ClassSet {
    if (ids.size() != names.size()) {
      throw new IllegalArgumentException(ids.size() + " class ids but " + names.size() + " class names");
    }
    ids = List.copyOf(ids);
    names = List.copyOf(names);
  }

  /** Classes whose id is also the prompt name (folder names such as "airplane"). */
  public static ClassSet ofNames(List<String> names) {
    return new ClassSet(names, names);
  }

  public int size() {
    return ids.size();
  }

  /**
   * The index of a class given by id or by name (case-insensitive; '_' and ' ' are the same).
   */
  public Optional<Integer> indexOf(String idOrName) {
    return Optional.ofNullable(lookup().get(normalize(idOrName)));
  }

  private Map<String, Integer> lookup() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = names.size() - 1; i >= 0; i--) m.put(normalize(names.get(i)), i);
    for (int i = ids.size() - 1; i >= 0; i--) m.put(normalize(ids.get(i)), i);
    return m;
  }

  private static String normalize(String s) {
    return s.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The same names with other ids (e.g. folder names kept as ids). */
  public ClassSet withIds(List<String> newIds) {
    return new ClassSet(newIds, names);
  }

  /** A subset in the given order (for data sets that cover only some classes). */
  public ClassSet subset(List<Integer> indices) {
    List<String> i2 = new ArrayList<>();
    List<String> n2 = new ArrayList<>();
    for (int i : indices) {
      i2.add(ids.get(i));
      n2.add(names.get(i));
    }
    return new ClassSet(i2, n2);
  }
}
