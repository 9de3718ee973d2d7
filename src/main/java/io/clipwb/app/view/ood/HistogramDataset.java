package io.clipwb.app.view.ood;

import io.clipwb.core.eval.ood.ScoreHistogram;
import org.jfree.data.xy.AbstractIntervalXYDataset;

/**
 * The core's {@link ScoreHistogram} as two bar series, ID (series 0) and OOD (series 1), one item
 * per bin in bin order (so an item index is a bin index), each bar the share of its set's images
 * in the bin: ID and OOD sets of different sizes stay comparable, as in the MCM paper's plots.
 */
final class HistogramDataset extends AbstractIntervalXYDataset {
  private final ScoreHistogram h;
  private final String[] keys;
  private final int[] totals;

  HistogramDataset(ScoreHistogram h, String idKey, String oodKey) {
    this.h = h;
    this.keys = new String[] {idKey, oodKey};
    this.totals = new int[] {sum(h.idCounts()), sum(h.oodCounts())};
  }

  private static int sum(int[] a) {
    int s = 0;
    for (int v : a) s += v;
    return s;
  }

  ScoreHistogram histogram() {
    return h;
  }

  int count(int series, int bin) {
    return (series == 0 ? h.idCounts() : h.oodCounts())[bin];
  }

  int total(int series) {
    return totals[series];
  }

  @Override
  public int getSeriesCount() {
    return 2;
  }

  @Override
  public Comparable<?> getSeriesKey(int series) {
    return keys[series];
  }

  @Override
  public int getItemCount(int series) {
    return h.idCounts().length;
  }

  @Override
  public Number getX(int series, int item) {
    return (h.edges()[item] + h.edges()[item + 1]) / 2;
  }

  @Override
  public Number getY(int series, int item) {
    return totals[series] == 0 ? 0.0 : (double) count(series, item) / totals[series];
  }

  @Override
  public Number getStartX(int series, int item) {
    return h.edges()[item];
  }

  @Override
  public Number getEndX(int series, int item) {
    return h.edges()[item + 1];
  }

  @Override
  public Number getStartY(int series, int item) {
    return 0.0;
  }

  @Override
  public Number getEndY(int series, int item) {
    return getY(series, item);
  }
}
