package io.clipwb.testing;

import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate for tests that read {@code ../shared}. Why: a test that silently skips when the data
 * is absent lets CI pass while testing nothing. So a missing folder or file is a visible skip for a
 * newcomer (a JUnit assumption, called inside the test so Surefire lists the test as skipped with
 * the message), and a <em>failure naming the path</em> when {@code -Dclipwb.requireShared=true}
 * (what {@code .ci/run} sets).
 *
 * <p>Call it from the test method or {@code @BeforeEach}, never from {@code @BeforeAll}: an
 * aborted {@code @BeforeAll} hides the class's tests from the Surefire counts.
 */
public final class Shared {
  /** The system property that turns a missing shared file into a failure. */
  public static final String REQUIRE_PROPERTY = "clipwb.requireShared";

  private Shared() {}

  /** True when a missing shared file must fail the test. */
  public static boolean required() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"));
  }

  /** The shared folder; skips (or fails, under {@code clipwb.requireShared}) when it is absent. */
  public static Path root() {
    Path root = SharedData.location().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) missing(root, "the shared data folder");
    return root;
  }

  /**
   * A file or folder inside the shared folder; skips (or fails, under
   * {@code clipwb.requireShared}) naming the missing path.
   */
  public static Path path(String relative) {
    Path p = root().resolve(relative).normalize();
    if (!Files.exists(p)) missing(p, "a shared data file");
    return p;
  }

  private static void missing(Path p, String what) {
    String msg = what + " is missing: " + p + " (set -Dclipwb.shared=DIR or CLIPWB_SHARED=DIR)";
    if (required()) Assertions.fail(msg + "; -D" + REQUIRE_PROPERTY + "=true makes this a failure");
    Assumptions.abort(msg + ": skipping");
  }
}
