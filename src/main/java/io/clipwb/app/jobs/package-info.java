/**
 * Background jobs of the workbench: core work ({@code (Progress, Cancellation) -> T}) adapted to
 * {@code javafx.concurrent.Task}, queued on one named worker thread, cancelled through the core's
 * {@link io.clipwb.core.util.Cancellation} and never by a thread interrupt (an interrupted thread's
 * next atomic cache write fails and leaves a temporary file behind). Workers only write atomics; a
 * 5 Hz FX {@code Timeline} coalesces them into progress, images/s and ETA (QuPath's
 * {@code TaskRunnerFX} pattern, without its modal dialog). May use the core and JavaFX.
 */
package io.clipwb.app.jobs;
