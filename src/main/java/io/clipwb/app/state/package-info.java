/**
 * The workbench's state, below every window: the open project and its file ({@link
 * io.clipwb.app.state.ProjectFile}), the latest report and run status ({@link
 * io.clipwb.app.state.Workbench}), preferences and where they live (XDG folders; system properties
 * isolate tests), the one error path ({@link io.clipwb.app.state.ErrorReporter}), and every call
 * into the core and the DJL adapter ({@link io.clipwb.app.state.ProjectService}). It may use the
 * core, the DJL adapter, {@code app.jobs}, {@code app.drill} (requests only) and JavaFX; the shell
 * and the views depend on it, never the other way round (ArchUnit: no package cycles).
 */
package io.clipwb.app.state;
