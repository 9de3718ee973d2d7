/**
 * The JavaFX workbench: the desktop front end that drives the same core API as the
 * {@code clipwb} CLI (projects, runs, drill-down from a metric to its images). Its classes arrive
 * with the workbench milestone; until then the package holds only this description.
 *
 * <p>May use: {@code io.clipwb.core}, the DJL adapter {@code io.clipwb.djl}, JavaFX, ControlsFX,
 * JFreeChart and picocli (launcher options). It is the only package allowed JavaFX, ControlsFX and
 * JFreeChart, and nothing else depends on it (ArchUnit: {@code LayeringTest}, {@code ArchitectureTest}).
 */
package io.clipwb.app;
