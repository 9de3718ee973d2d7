/**
 * The workbench shell: the main window (menus with accelerators, project tree, view tabs, jobs
 * panel, status bar), project editing ({@code project.json} in the format {@code Project.load}
 * reads), preferences (JSON in the user's config folder), the one error path (dialog for user
 * actions, notification for background jobs, uncaught exceptions) and the log view. Views get a
 * {@link io.clipwb.app.state.Workbench} context instead of reaching into the window (QuPath's
 * actions/preferences patterns, without its static god objects). May use the core, the job
 * service, JavaFX, ControlsFX and Logback (the log view's appender).
 */
package io.clipwb.app.shell;
