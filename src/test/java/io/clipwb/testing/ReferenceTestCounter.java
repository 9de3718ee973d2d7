package io.clipwb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the tests tagged {@code reference} (those comparing with numbers computed by the reference
 * tools) that ran and that were skipped, and writes the counts to the file named by the system
 * property {@code clipwb.referenceReport} (Surefire sets it to
 * {@code target/reference-tests.properties}). The verify phase reads that file and, when
 * {@code clipwb.requireShared=true}, fails the build if no reference test ran or any was skipped.
 *
 * <p>Why a file and a separate check: a JUnit listener cannot fail a run (the launcher logs and
 * swallows its exceptions), and JUnit's own report does not record tags. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class ReferenceTestCounter implements TestExecutionListener {
  /** The tag every reference comparison carries. */
  public static final String TAG = "reference";

  private static final AtomicInteger RAN = new AtomicInteger();
  private static final AtomicInteger SKIPPED = new AtomicInteger();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    // a skipped container (@Disabled class) skips its reference tests without reporting them
    if (plan == null) return;
    if (id.isTest() && isReference(id)) SKIPPED.incrementAndGet();
    else if (id.isContainer()) {
      plan.getDescendants(id).stream().filter(d -> d.isTest() && isReference(d)).forEach(d -> SKIPPED.incrementAndGet());
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (plan == null || !id.isTest() || !isReference(id)) return;
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) SKIPPED.incrementAndGet();
    else RAN.incrementAndGet();
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    String target = System.getProperty("clipwb.referenceReport");
    System.out.printf("[clipwb] reference-tagged tests: %d ran, %d skipped%n", RAN.get(), SKIPPED.get());
    if (target == null || target.isBlank()) return;
    try {
      Path f = Path.of(target);
      if (f.getParent() != null) Files.createDirectories(f.getParent());
      Files.writeString(f, "reference.ran=" + RAN.get() + "\nreference.skipped=" + SKIPPED.get() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private boolean isReference(TestIdentifier id) {
    for (Optional<TestIdentifier> cur = Optional.of(id); cur.isPresent(); cur = plan.getParent(cur.get())) {
      for (TestTag t : cur.get().getTags()) if (t.getName().equals(TAG)) return true;
    }
    return false;
  }
}
