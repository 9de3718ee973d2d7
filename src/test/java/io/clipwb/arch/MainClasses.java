package io.clipwb.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The production classes of io.clipwb, imported once per test JVM (the import takes seconds). */
final class MainClasses {
  private static JavaClasses classes;

  private MainClasses() {}

  static synchronized JavaClasses get() {
    if (classes == null) {
      classes = new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.clipwb");
    }
    return classes;
  }
}
