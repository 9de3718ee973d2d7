package io.clipwb.app.view.reliability;

import io.clipwb.core.eval.calibration.ReliabilityBin;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.AbstractIntervalXYDataset;

/**
 * The bins of one or several reliability diagrams as a JFreeChart interval dataset: one series per
 * {@link ReliabilityChart.Series}, one item per non-empty bin. Each bin's x interval is split into
 * equal side-by-side slots, one per series, so overlaid series stay readable. The dataset remembers
 * which bin each item is, so a click on a bar ({@code XYItemEntity}: dataset, series, item) maps back
 * to the bin and its rows ({@link ReliabilityChart#binAt}).
 */
final class BinDataset extends AbstractIntervalXYDataset {
  private static final long serialVersionUID = 1L;

  /** What the y values of the items are. */
  enum Quantity {
    /** Bar from 0 to the bin's accuracy. */
    ACCURACY,
    /** Bar from the bin's accuracy to its mean confidence. */
    GAP,
    /** Bar from 0 to the bin's sample count. */
    COUNT
  }

  /** Fraction of a bin's width left empty, half on each side, so neighbouring bins stay apart. */
  private static final double BIN_MARGIN = 0.08;

  private final Quantity quantity;
  private final boolean points;
  private final List<String> keys;
  /** Per series: the non-empty bins, and their positions in the series' bin list. */
  private final List<List<ReliabilityBin>> bins = new ArrayList<>();
  private final List<int[]> positions = new ArrayList<>();

  /**
   * @param points x is a point, not a slot: the bin's mean confidence for {@link Quantity#ACCURACY},
   *     its centre otherwise (for line charts of many series)
   */
  BinDataset(Quantity quantity, boolean points, List<String> keys, List<List<ReliabilityBin>> allBins) {
    this.quantity = quantity;
    this.points = points;
    this.keys = List.copyOf(keys);
    for (List<ReliabilityBin> series : allBins) {
      List<ReliabilityBin> kept = new ArrayList<>();
      List<Integer> pos = new ArrayList<>();
      for (int i = 0; i < series.size(); i++) {
        ReliabilityBin b = series.get(i);
        if (b.count() > 0 && Double.isFinite(b.accuracy()) && Double.isFinite(b.meanConfidence())) {
          kept.add(b);
          pos.add(i);
        }
      }
      bins.add(kept);
      positions.add(pos.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  Quantity quantity() {
    return quantity;
  }

  /** The bin drawn as item {@code item} of {@code series}. */
  ReliabilityBin bin(int series, int item) {
    return bins.get(series).get(item);
  }

  /** The position in the series' bin list of item {@code item}. */
  int binPosition(int series, int item) {
    return positions.get(series)[item];
  }

  @Override
  public int getSeriesCount() {
    return bins.size();
  }

  @Override
  public Comparable<?> getSeriesKey(int series) {
    return keys.get(series);
  }

  @Override
  public int getItemCount(int series) {
    return bins.get(series).size();
  }

  private double slotStart(int series, int item) {
    ReliabilityBin b = bin(series, item);
    double width = b.upper() - b.lower();
    double slot = width * (1 - BIN_MARGIN) / getSeriesCount();
    return b.lower() + width * BIN_MARGIN / 2 + series * slot;
  }

  private double slotEnd(int series, int item) {
    ReliabilityBin b = bin(series, item);
    double width = b.upper() - b.lower();
    return slotStart(series, item) + width * (1 - BIN_MARGIN) / getSeriesCount();
  }

  @Override
  public Number getX(int series, int item) {
    if (points) {
      ReliabilityBin b = bin(series, item);
      return quantity == Quantity.ACCURACY ? b.meanConfidence() : (b.lower() + b.upper()) / 2;
    }
    return (slotStart(series, item) + slotEnd(series, item)) / 2;
  }

  @Override
  public Number getStartX(int series, int item) {
    return slotStart(series, item);
  }

  @Override
  public Number getEndX(int series, int item) {
    return slotEnd(series, item);
  }

  @Override
  public Number getY(int series, int item) {
    ReliabilityBin b = bin(series, item);
    return switch (quantity) {
      case ACCURACY -> b.accuracy();
      case GAP -> b.meanConfidence();
      case COUNT -> b.count();
    };
  }

  @Override
  public Number getStartY(int series, int item) {
    return quantity == Quantity.GAP ? bin(series, item).accuracy() : 0.0;
  }

  @Override
  public Number getEndY(int series, int item) {
    return getY(series, item);
  }
}
