package io.clipwb.core.util;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used map with a fixed capacity, for memoising pure,
 * expensive-to-build values in core (tokenizer vocabularies, resampling coefficients, overlay
 * images) without letting a long-running GUI grow them without bound. Values must be immutable
 * (or never changed by callers): the same instance is handed to every thread.
 *
 * <p>The loader runs outside the lock, so two threads may build the same value once each; the
 * first stored wins. Keys must include whatever makes a value stale (e.g. a file's size and
 * modification time).
 */
public final class BoundedCache<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, V> map;

  public BoundedCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > BoundedCache.this.capacity;
      }
    };
  }

  /** A loader that may throw a checked exception. */
  @FunctionalInterface
  public interface Loader<K, V, E extends Exception> {
    V load(K key) throws E;
  }

  /** The cached value of {@code key}, loading (and storing) it when absent. */
  public <E extends Exception> V get(K key, Loader<? super K, ? extends V, E> loader) throws E {
    synchronized (map) {
      V v = map.get(key);
      if (v != null) return v;
    }
    V loaded = loader.load(key);
    synchronized (map) {
      V v = map.putIfAbsent(key, loaded);
      return v != null ? v : loaded;
    }
  }

  /** As {@link #get(Object, Loader)} with an unchecked loader. */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> loader) {
    return get(key, loader::apply);
  }

  public int size() {
    synchronized (map) {
      return map.size();
    }
  }

  public int capacity() {
    return capacity;
  }

  public void clear() {
    synchronized (map) {
      map.clear();
    }
  }
}
