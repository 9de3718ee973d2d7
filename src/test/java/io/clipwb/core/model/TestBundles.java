package io.clipwb.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The committed tiny test bundles (tools/make_fixtures.sh) and helpers to make broken copies. */
public final class TestBundles {
  private TestBundles() {}

  /** The folder of a fixture bundle, e.g. "tiny-vit". Read only: copy it before changing it. */
  public static Path fixture(String name) {
    URL url = TestBundles.class.getResource("/bundles/" + name + "/bundle.json");
    if (url == null) throw new IllegalStateException("test bundle " + name + " missing; run tools/make_fixtures.sh");
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a fixture bundle in {@code dir}. */
  public static Path copy(String name, Path dir) {
    Path src = fixture(name);
    Path dst = dir.resolve(name);
    try (Stream<Path> files = Files.list(src)) {
      Files.createDirectories(dst);
      for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dst.resolve(f.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dst;
  }

  /** Rewrites a bundle's bundle.json through {@code edit}. */
  public static void editJson(Path bundleDir, Consumer<ObjectNode> edit) {
    Path f = bundleDir.resolve("bundle.json");
    ObjectNode root = (ObjectNode) Json.read(f);
    edit.accept(root);
    Json.write(f, root);
  }
}
