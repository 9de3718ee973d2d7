/**
 * The headless core of the workbench: everything a front end (the {@code clipwb} CLI, the JavaFX
 * workbench) needs to load CLIP models and data sets, embed images once through a cache, and run
 * the evaluations of Tu, Deng and Gedeon (2024), <em>Toward a Holistic Evaluation of Robustness in
 * CLIP Models</em>. The code lives in the sub-packages; this package holds no classes.
 *
 * <p>May use: Jackson, SLF4J, and (only in {@code core.corrupt}) OpenCV through JavaCPP. Never JavaFX,
 * DJL or picocli, never a front-end package, never the console or {@code System.exit} (ArchUnit:
 * {@code LayeringTest}, {@code ArchitectureTest}); the packages form no cycle.
 */
package io.clipwb.core;
