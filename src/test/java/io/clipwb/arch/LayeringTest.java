package io.clipwb.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workbench's layering: the core imports neither JavaFX nor DJL; only the DJL adapter
 * imports {@code ai.djl}; the core knows nothing of its front ends.
 */
class LayeringTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = MainClasses.get();
  }

  @Test
  void coreImportsNoJavaFx() {
    noClasses().that().resideInAPackage("io.clipwb.core..")
        .should().dependOnClassesThat().resideInAPackage("javafx..")
        .check(classes);
  }

  @Test
  void onlyTheDjlAdapterImportsDjl() {
    noClasses().that().resideOutsideOfPackage("io.clipwb.djl..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "ai.onnxruntime..")
        .check(classes);
  }

  @Test
  void coreDoesNotDependOnFrontEnds() {
    noClasses().that().resideInAPackage("io.clipwb.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.clipwb.cli..", "io.clipwb.app..", "io.clipwb.djl..")
        .check(classes);
  }

  @Test
  void theCoreIsNotEmpty() {
    // guards the rules above against passing vacuously on an empty import
    org.junit.jupiter.api.Assertions.assertTrue(
        classes.stream().anyMatch(c -> c.getPackageName().startsWith("io.clipwb.core")));
  }
}
