package io.clipwb.app.view.lmm;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The parse preview shown before imported answers are accepted: every line of the file with the
 * question it matched, the raw answer, the option it parsed to (or "unparseable"), and the lines
 * that matched no question or could not be read, so a wrong format or a parser mismatch shows
 * before any number is computed from it.
 */
public final class AnswerPreview {
  private AnswerPreview() {}

  /** The table of a preview (a node of its own, so tests can inspect it without a dialog). */
  public static TableView<LmmData.PreviewRow> table(List<LmmData.PreviewRow> rows) {
    TableView<LmmData.PreviewRow> t = new TableView<>();
    t.setId("lmm-preview-table");
    t.getColumns().add(column("Line", 60, r -> r.line()));
    t.getColumns().add(column("Question", 80, LmmData.PreviewRow::questionId));
    t.getColumns().add(column("Class", 100, LmmData.PreviewRow::className));
    t.getColumns().add(column("Answer", 320, LmmData.PreviewRow::answer));
    t.getColumns().add(column("Parsed as", 190, LmmData.PreviewRow::parsed));
    t.getColumns().add(column("Outcome", 110, LmmData.PreviewRow::outcome));
    t.setRowFactory(v -> new TableRow<>() {
      @Override
      protected void updateItem(LmmData.PreviewRow r, boolean empty) {
        super.updateItem(r, empty);
        setStyle(empty || r == null || r.outcome().equals("TRUE") || r.outcome().equals("FALSE") ? "" : "-fx-background-color: #fde8d8;");
      }
    });
    t.getItems().setAll(rows);
    t.setPrefSize(880, 460);
    return t;
  }

  private static <T> TableColumn<LmmData.PreviewRow, T> column(String name, double width,
      java.util.function.Function<LmmData.PreviewRow, T> f) {
    TableColumn<LmmData.PreviewRow, T> c = new TableColumn<>(name);
    c.setPrefWidth(width);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
    return c;
  }

  /** "283 answers name one option, 37 are unparseable (names both or neither), 0 lines match no question or are unreadable". */
  public static String countsLine(List<LmmData.PreviewRow> rows) {
    int[] c = LmmData.previewCounts(rows);
    return String.format(Locale.ROOT, "%d answers name one option, %d are unparseable (name both or neither), %d lines match no question or"
        + " cannot be read", c[0], c[1], c[2]);
  }

  /** Shows the preview as a modal dialog; true when the user accepts the answers. */
  public static boolean ask(Window owner, String file, String format, List<LmmData.PreviewRow> rows) {
    Dialog<ButtonType> d = new Dialog<>();
    if (owner != null) d.initOwner(owner);
    d.setTitle("Import LMM answers");
    d.setHeaderText(file + " (" + format + ")");
    Label counts = new Label(countsLine(rows));
    counts.setId("lmm-preview-counts");
    d.getDialogPane().setContent(new VBox(6, counts, table(rows)));
    d.getDialogPane().getButtonTypes().setAll(new ButtonType("Accept", ButtonType.OK.getButtonData()), ButtonType.CANCEL);
    d.setResizable(true);
    return d.showAndWait().map(b -> b.getButtonData() == ButtonType.OK.getButtonData()).orElse(false);
  }
}
