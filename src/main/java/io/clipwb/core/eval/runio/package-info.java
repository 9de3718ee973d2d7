/**
 * Reading what the evaluations import: the parts of a cached run folder that shape bias, factors
 * and LMM read ({@link io.clipwb.core.eval.runio.CachedRun}), a line-numbered RFC 4180 CSV
 * reader/writer for third-party tables, and importer results that keep the good rows and list
 * the bad ones with file and line ({@link io.clipwb.core.eval.runio.ImportResult},
 * {@link io.clipwb.core.eval.runio.RowProblem}).
 *
 * <p>May use: {@code core.eval}, {@code core.io} and Jackson.
 */
package io.clipwb.core.eval.runio;
