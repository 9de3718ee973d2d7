package io.clipwb.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.Slices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules beyond the layering of {@link LayeringTest}: no package cycles, no console
 * or {@code System.exit} in the core, the evaluations free of native image code, and the front-end
 * libraries confined to their front ends. Each rule states a decision a reader can rely on without
 * reading every import.
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = MainClasses.get();
  }

  /** cli, app, djl and core do not depend on each other in a circle. */
  @Test
  void noCyclesBetweenTopLevelPackages() {
    slices().matching("io.clipwb.(*)..").should().beFreeOfCycles().check(classes);
  }

  /** Within the core, its packages (core.eval and all below it counted as one) sit in one order. */
  @Test
  void noCyclesBetweenCorePackages() {
    slices().matching("io.clipwb.core.(*)..").should().beFreeOfCycles().check(classes);
  }

  /** And finer: every package on its own, each evaluation package included. */
  @Test
  void noCyclesBetweenAnyPackages() {
    slices().matching("io.clipwb.(**)").should().beFreeOfCycles().check(classes);
  }

  /** Guards the cycle rules against passing on a pattern that matches nothing. */
  @Test
  void theSlicesAreThere() {
    int top = count(Slices.matching("io.clipwb.(*)..").transform(classes));
    int core = count(Slices.matching("io.clipwb.core.(*)..").transform(classes));
    int all = count(Slices.matching("io.clipwb.(**)").transform(classes));
    assertTrue(top >= 3, "top-level slices: " + top);
    assertTrue(core >= 10, "core slices: " + core);
    assertTrue(all > core, "package slices: " + all);
  }

  private static int count(Iterable<?> it) {
    int n = 0;
    for (Object o : it) n++;
    return n;
  }

  /** The core reports through SLF4J and exceptions; only a front end owns the console and the process. */
  @Test
  void coreNeitherPrintsNorExits() {
    noClasses().that().resideInAPackage("io.clipwb.core..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .because("the core is a library a GUI drives; it logs through SLF4J and throws")
        .check(classes);
  }

  /**
   * Evaluations are arithmetic over arrays and files: no OpenCV/JavaCPP natives there, not even
   * through a helper of another core package.
   */
  @Test
  void evaluationsUseNoOpenCv() {
    noClasses().that().resideInAPackage("io.clipwb.core.eval..")
        .should().transitivelyDependOnClassesThat().resideInAPackage("org.bytedeco..")
        .check(classes);
  }

  @Test
  void onlyFrontEndsUsePicocli() {
    noClasses().that().resideOutsideOfPackages("io.clipwb.cli..", "io.clipwb.app..")
        .should().dependOnClassesThat().resideInAPackage("picocli..")
        .check(classes);
  }

  @Test
  void onlyTheWorkbenchUsesJavaFxControlsFxOrJFreeChart() {
    noClasses().that().resideOutsideOfPackage("io.clipwb.app..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..")
        .check(classes);
  }

  /**
   * The workbench (io.clipwb.app) is a front end: the core and the DJL adapter never depend on it,
   * and the CLI only registers its two commands ({@code clipwb gui}, {@code clipwb figures}) in
   * {@code cli.Main}, so {@code clipwb} is the one entry point for both front ends.
   */
  @Test
  void nothingDependsOnTheWorkbench() {
    noClasses().that().resideOutsideOfPackages("io.clipwb.app..", "io.clipwb.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.clipwb.app..")
        .allowEmptyShould(true)
        .check(classes);
    noClasses().that().resideInAPackage("io.clipwb.cli..").and().doNotHaveFullyQualifiedName("io.clipwb.cli.Main")
        .should().dependOnClassesThat().resideInAPackage("io.clipwb.app..")
        .allowEmptyShould(true)
        .check(classes);
    noClasses().that().haveFullyQualifiedName("io.clipwb.cli.Main")
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("app classes other than its commands",
            c -> c.getPackageName().startsWith("io.clipwb.app") && !c.getSimpleName().endsWith("Command")))
        .allowEmptyShould(true)
        .check(classes);
  }

  /** The workbench drives the core and the DJL adapter, never the CLI. Passes while it is empty. */
  @Test
  void theWorkbenchDoesNotUseTheCli() {
    noClasses().that().resideInAPackage("io.clipwb.app..")
        .should().dependOnClassesThat().resideInAPackage("io.clipwb.cli..")
        .allowEmptyShould(true)
        .check(classes);
  }

  /** Every package explains itself: what lives there, what it may use, the reference it implements. */
  @Test
  void everyPackageHasAPackageInfo() throws java.io.IOException {
    java.nio.file.Path src = java.nio.file.Path.of("src/main/java");
    java.util.List<String> missing;
    try (var dirs = java.nio.file.Files.walk(src)) {
      missing = dirs.filter(java.nio.file.Files::isDirectory)
          .filter(d -> hasJava(d) && !java.nio.file.Files.isRegularFile(d.resolve("package-info.java")))
          .map(d -> src.relativize(d).toString()).sorted().toList();
    }
    assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
  }

  private static boolean hasJava(java.nio.file.Path dir) {
    try (var files = java.nio.file.Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
