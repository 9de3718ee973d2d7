package io.clipwb.app.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The drill-down's sort and filter, kept apart from the view so it is plain, testable list code:
 * which items are shown (all / correct / wrong, a class-name text) and in which order.
 *
 * @param outcome which items by correctness
 * @param classText a case-insensitive substring of the true or the predicted class ("" = any)
 * @param order the sort order
 */
public record DrillQuery(Outcome outcome, String classText, Order order) {
  /** All items in row order. */
  public static final DrillQuery ALL = new DrillQuery(Outcome.ALL, "", Order.ROW);

  /** Filter by correctness. */
  public enum Outcome {
    ALL("All"), CORRECT("Correct"), WRONG("Incorrect");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Sort orders; ties keep the requested order (the sort is stable). */
  public enum Order {
    ROW("Row", Comparator.comparingInt(DrillItem::row)),
    CONFIDENCE_DESC("Confidence \u2193", Comparator.comparingDouble(DrillItem::confidence).reversed()),
    CONFIDENCE_ASC("Confidence \u2191", Comparator.comparingDouble(DrillItem::confidence)),
    TRUE_CLASS("True class", Comparator.comparing(DrillItem::trueClass).thenComparingInt(DrillItem::row)),
    PREDICTED_CLASS("Predicted class", Comparator.comparing(DrillItem::predicted).thenComparingInt(DrillItem::row));

    private final String label;
    private final Comparator<DrillItem> comparator;

    Order(String label, Comparator<DrillItem> comparator) {
      this.label = label;
      this.comparator = comparator;
    }

    /** The comparator of this order. */
    public Comparator<DrillItem> comparator() {
      return comparator;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public DrillQuery {
    classText = classText == null ? "" : classText.strip();
  }

  /** Whether an item passes the filter. */
  public boolean accepts(DrillItem item) {
    if (outcome == Outcome.CORRECT && !item.correct()) return false;
    if (outcome == Outcome.WRONG && item.correct()) return false;
    if (classText.isEmpty()) return true;
    String t = classText.toLowerCase(Locale.ROOT);
    return item.trueClass().toLowerCase(Locale.ROOT).contains(t) || item.predicted().toLowerCase(Locale.ROOT).contains(t);
  }

  /** The shown items: filtered, then sorted (a new list; the input is not changed). */
  public List<DrillItem> apply(List<DrillItem> items) {
    List<DrillItem> out = new ArrayList<>(items.size());
    for (DrillItem it : items) if (accepts(it)) out.add(it);
    out.sort(order.comparator());
    return out;
  }
}
