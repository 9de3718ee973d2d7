package io.clipwb.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a background thread, the classes the FX thread would otherwise load in the middle of a
 * run: the first report opens a view tab, whose controls, skins, ControlsFX pickers and chart node
 * pull several hundred classes from their jars. Loading (reading the jar, parsing, defining) then
 * happens inside one pulse, and with the run busy on both cores it stalled the window for hundreds of
 * milliseconds (issue 13). The list is {@code fx-preload.txt} beside this class, written from a JFR
 * recording of the GUI bench by {@code tools/fx_preload_list.py}; a name that no longer exists is
 * skipped. Classes are loaded without being initialised (class initialisation on two threads can
 * deadlock on JavaFX's cyclic class/helper initialisers). Then, on the FX thread but one control per
 * event, so that no pulse waits long, it builds one of each control the views' control bars use,
 * with its skin, off any scene, and throws it away: that links the many lambda call sites and
 * initialises the classes of those controls and skins (the larger part of their first-use cost),
 * so building the first view later is one cheap pulse instead of one long one.
 */
final class ClassPreloader {
  private static final Logger LOG = LoggerFactory.getLogger(ClassPreloader.class);
  private static final String LIST = "fx-preload.txt";

  private ClassPreloader() {}

  /** Starts the preloading daemon thread (returns at once). */
  static void start() {
    Thread t = new Thread(() -> {
      preload();
      warmControls();
    }, "clipwb-preload");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** Loads every class of the list; returns how many were found. */
  static int preload() {
    ClassLoader loader = ClassPreloader.class.getClassLoader();
    int loaded = 0;
    int missing = 0;
    long t0 = System.nanoTime();
    try (InputStream in = ClassPreloader.class.getResourceAsStream(LIST)) {
      if (in == null) return 0;
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null;) {
        String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) continue;
        try {
          Class.forName(name, false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          missing++;
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot read the preload list", e);
    }
    LOG.debug("preloaded {} classes ({} not found) in {} ms", loaded, missing, (System.nanoTime() - t0) / 1_000_000);
    return loaded;
  }

  /** Builds (and drops) one of each control of the views' control bars, with its skin: one per FX event. */
  static void warmControls() {
    List<Supplier<javafx.scene.control.Control>> controls = List.of(
        () -> skinned(new org.controlsfx.control.CheckComboBox<String>(javafx.collections.FXCollections.observableArrayList("a", "b")),
            c -> new impl.org.controlsfx.skin.CheckComboBoxSkin<>(c)),
        () -> skinned(new javafx.scene.control.Spinner<Integer>(1, 9, 3), javafx.scene.control.skin.SpinnerSkin::new),
        () -> skinned(new javafx.scene.control.ComboBox<String>(javafx.collections.FXCollections.observableArrayList("a")),
            javafx.scene.control.skin.ComboBoxListViewSkin::new),
        () -> skinned(new javafx.scene.control.ListView<String>(javafx.collections.FXCollections.observableArrayList("a")),
            javafx.scene.control.skin.ListViewSkin::new),
        () -> skinned(new javafx.scene.control.RadioButton("a"), javafx.scene.control.skin.RadioButtonSkin::new),
        () -> skinned(new javafx.scene.control.CheckBox("a"), javafx.scene.control.skin.CheckBoxSkin::new),
        () -> skinned(new javafx.scene.control.Slider(0, 1, 0.5), javafx.scene.control.skin.SliderSkin::new),
        () -> skinned(new javafx.scene.control.Label("a"), javafx.scene.control.skin.LabelSkin::new),
        () -> skinned(new javafx.scene.control.ScrollPane(new javafx.scene.layout.GridPane()), javafx.scene.control.skin.ScrollPaneSkin::new));
    for (Supplier<javafx.scene.control.Control> s : controls) {
      javafx.application.Platform.runLater(() -> {
        try {
          s.get();
        } catch (RuntimeException | LinkageError e) {
          LOG.debug("control warm-up failed", e);
        }
      });
    }
  }

  private static <C extends javafx.scene.control.Control> C skinned(C c, Function<C, javafx.scene.control.Skin<?>> skin) {
    c.setSkin(skin.apply(c));
    new javafx.scene.layout.FlowPane(c); // a parent, as in a control bar
    return c;
  }
}
