package io.clipwb.app.shell;

import io.clipwb.app.state.DatasetImport;
import io.clipwb.core.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.CheckListView;

/**
 * Adding a data set to a project: its name, its role, and the classes its runs are scored over —
 * all the in-distribution classes, only those its images cover (the ImageNet-R/-A protocol: the
 * logits are restricted to the covered classes before the argmax), or a hand-picked list. Built from
 * a {@link DatasetImport} computed off the FX thread; the result says what to add, and the caller
 * writes the subset file in the background.
 */
public final class AddDatasetDialog extends Dialog<AddDatasetDialog.Choice> {
  /** What the user chose; {@code subset} null means all classes. */
  public record Choice(String name, String role, List<Integer> subset) {}

  final TextField name = new TextField();
  final ChoiceBox<String> role = new ChoiceBox<>();
  final RadioButton all = new RadioButton();
  final RadioButton covered = new RadioButton();
  final RadioButton picked = new RadioButton("Pick classes:");
  final CheckListView<String> classes = new CheckListView<>();
  final Label summary = new Label();

  public AddDatasetDialog(Window owner, String defaultName, DatasetImport imp, Set<String> takenNames) {
    if (owner != null) initOwner(owner);
    setTitle("Add data set");
    var ds = imp.dataset();
    setHeaderText(String.format(Locale.ROOT, "%s: %,d images, %d classes (%s layout)", defaultName, ds.items().size(), ds.classes().size(),
        ds.layout()));
    name.setText(defaultName);
    role.getItems().setAll(Project.ROLES.stream().sorted().toList());
    role.setValue(imp.becomesInDistribution() ? Project.ROLE_ID : Project.ROLE_SHIFT);
    role.setTooltip(new Tooltip("in-distribution: the reference set (one per project); shift/corruption: scored against it;"
        + " ood: scored as out-of-distribution; cue-conflict: shape vs texture decisions"));
    int n = imp.classSpace().size();
    all.setText(String.format(Locale.ROOT, "All %d classes of the in-distribution set", n));
    covered.setText(String.format(Locale.ROOT, "Only the %d classes this set's images cover (ImageNet-R/-A protocol)", imp.covered().size()));
    covered.setTooltip(new Tooltip("The logits are restricted to these classes before the argmax, as the ImageNet-R and ImageNet-A"
        + " evaluation scripts do"));
    ToggleGroup g = new ToggleGroup();
    all.setToggleGroup(g);
    covered.setToggleGroup(g);
    picked.setToggleGroup(g);
    boolean partial = !imp.becomesInDistribution() && !imp.covered().isEmpty() && imp.covered().size() < n;
    (partial ? covered : all).setSelected(true);
    covered.setDisable(imp.covered().isEmpty() || imp.covered().size() == n);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) labels.add(i + "  " + imp.classSpace().names().get(i));
    classes.getItems().setAll(labels);
    for (int i : imp.covered()) classes.getCheckModel().check(i);
    classes.setPrefHeight(220);
    classes.disableProperty().bind(picked.selectedProperty().not());
    role.valueProperty().addListener((o, a, b) -> update(imp));
    g.selectedToggleProperty().addListener((o, a, b) -> update(imp));
    classes.getCheckModel().getCheckedIndices().addListener((ListChangeListener<Integer>) c -> update(imp));
    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(6);
    form.addRow(0, new Label("Name"), name);
    form.addRow(1, new Label("Role"), role);
    VBox box = new VBox(8, form, new Label("Classes scored"), all, covered, picked, classes, summary);
    box.setPadding(new Insets(10));
    getDialogPane().setContent(box);
    getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    var ok = getDialogPane().lookupButton(ButtonType.OK);
    ok.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
        () -> name.getText().isBlank() || takenNames.contains(name.getText().trim())
            || picked.isSelected() && classes.getCheckModel().getCheckedIndices().isEmpty(),
        name.textProperty(), picked.selectedProperty(), classes.getCheckModel().getCheckedIndices()));
    update(imp);
    setResultConverter(b -> b == ButtonType.OK ? choice(imp) : null);
  }

  /** The choice the dialog shows now (what OK returns). */
  Choice choice(DatasetImport imp) {
    List<Integer> subset = null;
    if (covered.isSelected()) subset = imp.covered();
    else if (picked.isSelected()) subset = List.copyOf(classes.getCheckModel().getCheckedIndices().stream().sorted().toList());
    if (subset != null && subset.size() == imp.classSpace().size()) subset = null;
    return new Choice(name.getText().trim(), role.getValue(), subset);
  }

  private void update(DatasetImport imp) {
    boolean id = Project.ROLE_ID.equals(role.getValue());
    covered.setDisable(id || imp.covered().isEmpty() || imp.covered().size() == imp.classSpace().size());
    picked.setDisable(id);
    if (id && !all.isSelected()) all.setSelected(true);
    Choice c = choice(imp);
    summary.setText(c.subset() == null ? "Scored over all " + imp.classSpace().size() + " classes."
        : "Scored over " + c.subset().size() + " of " + imp.classSpace().size() + " classes (a class-subset file is written next to the"
            + " project).");
  }
}
