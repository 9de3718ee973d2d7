/**
 * The JavaFX workbench: the desktop front end over the core. It may use the core, the DJL adapter
 * (to open models), JavaFX, ControlsFX, JFreeChart (with its FX module) and the export libraries
 * (Apache Batik, Apache PDFBox); nothing else in the code base may use those UI libraries (ArchUnit,
 * {@code LayeringTest}). Like the CLI it is a thin front end: every number it shows comes from a core
 * computation, and every file it writes is written by the same code the CLI uses.
 *
 * <p>Sub-packages: {@code state} (the open project, report, preferences, errors, every core call),
 * {@code shell} (window, menus, project tree, status bar, dialogs), {@code jobs}
 * (core tasks adapted to {@code javafx.concurrent.Task}, cancelled through the core), {@code drill}
 * (the thumbnail grid every view drills down into), {@code export} (figures and tables, shared with
 * {@code clipwb figures}), {@code view.<name>} (one package per view: chart factory without a window,
 * plus the FX node).
 */
package io.clipwb.app;
