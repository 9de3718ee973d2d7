/**
 * File formats every part of the workbench shares: NumPy {@code .npy} arrays (read and write,
 * versions 1.0–3.0, C order), the one Jackson configuration (records as plain
 * JSON objects, NaN allowed, written atomically) and crash-safe atomic writes (temp file, fsync,
 * rename).
 *
 * <p>Reference: NumPy's {@code .npy} format (NEP 1, {@code numpy/lib/format.py}), so every array opens
 * with one {@code np.load} in Python.
 *
 * <p>May use: the JDK and Jackson only; it depends on no other workbench package.
 */
package io.clipwb.core.io;
