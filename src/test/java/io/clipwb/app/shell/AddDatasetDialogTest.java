package io.clipwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.state.DatasetImport;
import io.clipwb.core.eval.shift.ClassSubset;
import io.clipwb.core.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Adding a set that covers 2 of the sample world's 16 classes: the dialog offers the covered
 * classes (circle = 0 and heart = 5 in the sample's classes.json), and the subset file it writes
 * reads back through the core's class-subset reader as exactly those indices.
 */
@ExtendWith(ApplicationExtension.class)
class AddDatasetDialogTest {
  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new StackPane(), 400, 300));
    stage.show();
  }

  static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  private static Path twoClassSet(Path dir) throws Exception {
    Path src = Path.of("sample-data/data/test/images");
    Files.createDirectories(dir.resolve("images"));
    StringBuilder csv = new StringBuilder("path,label\n");
    for (String f : List.of("00000_circle.png", "00005_heart.png")) {
      Files.copy(src.resolve(f), dir.resolve("images").resolve(f));
      csv.append("images/").append(f).append(',').append(f.substring(6, f.length() - 4)).append('\n');
    }
    // its own class list, in another order than the in-distribution one: mapped by name
    Files.writeString(dir.resolve("classes.json"), "[\"heart\", \"circle\"]");
    Path m = dir.resolve("manifest.csv");
    Files.writeString(m, csv);
    return m;
  }

  @Test
  void offersTheCoveredClassesAndWritesAFileTheCoreReadsBack(@TempDir Path dir) throws Exception {
    Project p = Project.load(Path.of("sample-data/project.json"));
    DatasetImport imp = DatasetImport.inspect(twoClassSet(dir.resolve("set")), p);
    assertFalse(imp.becomesInDistribution());
    assertEquals(16, imp.classSpace().size());
    assertEquals(List.of(0, 5), imp.covered());
    AddDatasetDialog d = fx(() -> new AddDatasetDialog(null, "two", imp, Set.of("test")));
    assertTrue(fx(d.covered::isSelected), "a set covering fewer classes defaults to the covered classes");
    AddDatasetDialog.Choice c = fx(() -> d.choice(imp));
    assertEquals(new AddDatasetDialog.Choice("two", Project.ROLE_SHIFT, List.of(0, 5)), c);
    Path f = DatasetImport.writeSubset(dir, c.name(), imp.classSpace(), c.subset());
    assertArrayEquals(new int[] {0, 5}, ClassSubset.fromFile(f, null, 16).classes());
    // all classes: no subset; picking one class by hand
    fx(() -> {
      d.all.setSelected(true);
      return null;
    });
    assertNull(fx(() -> d.choice(imp)).subset());
    fx(() -> {
      d.picked.setSelected(true);
      d.classes.getCheckModel().clearChecks();
      d.classes.getCheckModel().check(7);
      return null;
    });
    assertEquals(List.of(7), fx(() -> d.choice(imp)).subset());
    // the in-distribution role scores over all classes
    fx(() -> {
      d.role.setValue(Project.ROLE_ID);
      return null;
    });
    assertNull(fx(() -> d.choice(imp)).subset());
  }

  @Test
  void aTakenNameCannotBeConfirmed(@TempDir Path dir) throws Exception {
    Project p = Project.load(Path.of("sample-data/project.json"));
    DatasetImport imp = DatasetImport.inspect(twoClassSet(dir.resolve("set")), p);
    AddDatasetDialog d = fx(() -> new AddDatasetDialog(null, "test", imp, Set.of("test")));
    assertTrue(fx(() -> d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).isDisabled()));
    fx(() -> {
      d.name.setText("test-2");
      return null;
    });
    assertFalse(fx(() -> d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).isDisabled()));
  }
}
