/**
 * The catalogue of the workbench's views ({@link io.clipwb.app.catalog.Views}): the one list the
 * shell's View menu and {@code clipwb figures} read. It sits above every view package (and below the
 * shell and the command) so that no view package depends on another. May use {@code app.view..}.
 */
package io.clipwb.app.catalog;
