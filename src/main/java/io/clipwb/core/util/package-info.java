/**
 * Small contracts every long core task shares: {@link io.clipwb.core.util.Progress} (a thread-safe
 * callback the CLI prints and the GUI binds), {@link io.clipwb.core.util.Cancellation} (a flag
 * checked in every loop, set by the GUI's cancel button or the CLI's Ctrl-C) and
 * {@link io.clipwb.core.util.SharedData} (where the read-only {@code ../shared} data lies), and
 * {@link io.clipwb.core.util.BackgroundThreads} (named daemon threads; a run's at a lower OS
 * priority while the window is open).
 *
 * <p>May use: the JDK, SLF4J, and JNA (only to lower a background thread's priority); every other
 * core package may use it.
 */
package io.clipwb.core.util;
