package io.clipwb.testing;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts back the JVM-wide state a test may change: system properties, {@code System.out} and
 * {@code System.err}, after each test and after each class. Why: a property set by one test
 * (say {@code clipwb.hashCache}) silently changes what later tests do, so results would depend on
 * test order. Registered for every test through JUnit's extension auto-detection
 * ({@code junit-platform.properties} and {@code META-INF/services}); tests may still restore what
 * they change themselves, this is the safety net.
 */
public final class RestoreSystemState implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RestoreSystemState.class);

  private record Snapshot(Map<String, String> properties, PrintStream out, PrintStream err) {
    static Snapshot take() {
      Map<String, String> p = new HashMap<>();
      for (String k : System.getProperties().stringPropertyNames()) p.put(k, System.getProperty(k));
      return new Snapshot(p, System.out, System.err);
    }

    void restore() {
      for (String k : System.getProperties().stringPropertyNames()) {
        if (!properties.containsKey(k)) System.clearProperty(k);
      }
      properties.forEach((k, v) -> {
        if (!Objects.equals(System.getProperty(k), v)) System.setProperty(k, v);
      });
      if (System.out != out) System.setOut(out);
      if (System.err != err) System.setErr(err);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NS).put("class", Snapshot.take());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Snapshot s = context.getStore(NS).remove("class", Snapshot.class);
    if (s != null) s.restore();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("test", Snapshot.take());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Snapshot s = context.getStore(NS).remove("test", Snapshot.class);
    if (s != null) s.restore();
  }
}
