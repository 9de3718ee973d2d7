package io.clipwb.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code clipwb gui [project.json]}: opens the workbench window (the last project or the sample one without an argument). */
@Command(
    name = "gui",
    mixinStandardHelpOptions = true,
    description = "Open the workbench window on a project (default: the last project, else the sample project).")
public final class GuiCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "project.json (or its folder)")
  Path project;

  @Override
  public Integer call() {
    WorkbenchLauncher.main(project == null ? new String[0] : new String[] {project.toAbsolutePath().toString()});
    return 0;
  }
}
