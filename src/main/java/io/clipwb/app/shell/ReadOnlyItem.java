package io.clipwb.app.shell;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * A read-only row of a ControlsFX {@link PropertySheet}. Built by hand because the sheet's bean
 * introspection finds no properties on Java records (ModelCard is one).
 */
final class ReadOnlyItem implements PropertySheet.Item {
  private final String category;
  private final String name;
  private final String value;

  ReadOnlyItem(String category, String name, String value) {
    this.category = category;
    this.name = name;
    this.value = value == null ? "" : value;
  }

  @Override
  public Class<?> getType() {
    return String.class;
  }

  @Override
  public String getCategory() {
    return category;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getDescription() {
    return value;
  }

  @Override
  public Object getValue() {
    return value;
  }

  @Override
  public void setValue(Object v) {
    // read-only
  }

  @Override
  public boolean isEditable() {
    return false;
  }

  @Override
  public Optional<ObservableValue<? extends Object>> getObservableValue() {
    return Optional.empty();
  }
}
