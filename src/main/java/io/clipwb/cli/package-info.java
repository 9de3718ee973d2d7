/**
 * The {@code clipwb} command line: one picocli sub-command per evaluation ({@code eval},
 * {@code project}, {@code calibrate}, {@code ood}, {@code shift}, {@code shape-bias}, {@code factors},
 * {@code lmm}, {@code corrupt}, {@code corruption-eval}, {@code retrieval}, {@code correspondence},
 * {@code bench}, {@code sample}), the stderr progress printer, the Ctrl-C handler, and the stderr
 * logging set-up ({@code CliLogging}: quiet by default, {@code --verbose} for the libraries' INFO).
 *
 * <p>Every command is a thin wrapper: it parses options, calls the core API the JavaFX workbench
 * calls too, and prints JSON to stdout. Computation and file formats belong to the core, not here.
 * Option values are validated in one place for every command ({@code OptionChecks}: numeric ranges
 * by option name, no empty paths), before the command runs.
 *
 * <p>May use: everything in {@code io.clipwb.core}, the DJL adapter {@code io.clipwb.djl} (to open
 * models), picocli, Jackson, and Logback's API ({@code CliLogging} only). This package and {@code io.clipwb.app} are the only places that may
 * use picocli, touch {@code System.out}/{@code System.err} or exit the process (ArchUnit:
 * {@code ArchitectureTest}). Nothing depends on it.
 */
package io.clipwb.cli;
