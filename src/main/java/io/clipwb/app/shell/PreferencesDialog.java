package io.clipwb.app.shell;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.PreferencesStore;

import io.clipwb.app.export.FigureStyle;
import java.io.File;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Edit ▸ Preferences…: cache and shared-data folders, device, threads, batch, theme and the figure
 * defaults exports use. Returns new {@link Preferences} (invalid figure sizes are refused by
 * {@link FigureStyle}'s checks, shown under the fields).
 */
public final class PreferencesDialog extends Dialog<Preferences> {
  public PreferencesDialog(Window owner, Preferences p) {
    if (owner != null) initOwner(owner);
    setTitle("Preferences");
    setHeaderText("Workbench preferences (stored in " + PreferencesStore.configDir().resolve("preferences.json") + ")");
    TextField cache = new TextField(p.cacheDir() == null ? "" : p.cacheDir());
    cache.setPromptText(p.cacheRoot().toString() + " (default)");
    cache.setTooltip(new Tooltip("Embedding cache folder; empty: $CLIPWB_CACHE or ~/.cache/clipwb, as the CLI"));
    TextField shared = new TextField(p.sharedDir() == null ? "" : p.sharedDir());
    shared.setTooltip(new Tooltip("Folder of shared reference data"));
    ComboBox<String> device = new ComboBox<>(FXCollections.observableArrayList("cpu", "gpu"));
    device.setValue(p.device());
    Spinner<Integer> threads = new Spinner<>(0, 64, p.threads());
    threads.setTooltip(new Tooltip("Decode threads; 0: half the cores"));
    Spinner<Integer> batch = new Spinner<>(1, 1024, p.batch());
    ComboBox<String> theme = new ComboBox<>(FXCollections.observableArrayList("light", "dark"));
    theme.setValue(p.theme());
    theme.setId("pref-theme");
    Spinner<Double> w = new Spinner<>(10.0, 500.0, p.figureWidthMm(), 1.0);
    Spinner<Double> h = new Spinner<>(10.0, 500.0, p.figureHeightMm(), 1.0);
    Spinner<Integer> dpi = new Spinner<>(72, 1200, p.figureDpi(), 50);
    TextField font = new TextField(p.fontFamily());
    Spinner<Double> size = new Spinner<>(4.0, 36.0, p.fontSizePt(), 0.5);
    for (Spinner<?> s : new Spinner<?>[] {threads, batch, w, h, dpi, size}) s.setEditable(true);
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(6);
    g.setPadding(new Insets(8));
    int r = 0;
    g.addRow(r++, new Label("Cache folder"), withBrowse(cache));
    g.addRow(r++, new Label("Shared-data folder"), withBrowse(shared));
    g.addRow(r++, new Label("Device"), device);
    g.addRow(r++, new Label("Threads"), threads);
    g.addRow(r++, new Label("Batch"), batch);
    g.addRow(r++, new Label("Theme"), theme);
    g.addRow(r++, new Label("Figure width (mm)"), w);
    g.addRow(r++, new Label("Figure height (mm)"), h);
    g.addRow(r++, new Label("Figure DPI"), dpi);
    g.addRow(r++, new Label("Font family"), font);
    g.addRow(r, new Label("Font size (pt)"), size);
    getDialogPane().setContent(g);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    setResultConverter(bt -> bt != ButtonType.OK ? null : p.withSettings(blankToNull(cache.getText()), blankToNull(shared.getText()),
        device.getValue(), threads.getValue(), batch.getValue(), theme.getValue(),
        new FigureStyle(w.getValue(), h.getValue(), dpi.getValue(), font.getText(), size.getValue())));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private HBox withBrowse(TextField f) {
    Button b = new Button("…");
    b.setTooltip(new Tooltip("Choose a folder"));
    b.setOnAction(e -> {
      DirectoryChooser c = new DirectoryChooser();
      File d = c.showDialog(getDialogPane().getScene().getWindow());
      if (d != null) f.setText(d.getAbsolutePath());
    });
    f.setPrefColumnCount(28);
    return new HBox(4, f, b);
  }
}
