package io.clipwb.app.state;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every error takes: logged, then shown. A user action that failed gets a dialog
 * (the clear message on top, the stack trace in an expandable area, "Copy details"); a background
 * job that failed gets a notification so it does not steal focus. Uncaught exceptions from any
 * thread come here too, with repeats of the same message within two seconds collapsed (QuPath's
 * uncaught-exception handler does the same). Callable from any thread.
 */
public final class ErrorReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);
  private final Window owner;
  private final java.util.Set<String> open = new java.util.HashSet<>();
  private String lastMessage = "";
  private long lastAt;

  public ErrorReporter(Window owner) {
    this.owner = owner;
  }

  /** A user action failed: a dialog. */
  public void showError(String title, Throwable error) {
    LOG.error("{}: {}", title, messageOf(error), error);
    onFx(() -> {
      String key = title + "|" + messageOf(error);
      if (repeat(title, error) || !open.add(key)) return;
      Alert a = dialog(title, error);
      a.setOnHidden(e -> open.remove(key));
      a.show();
    });
  }

  /** A background job failed: a notification popup (the log keeps the details). */
  public void notifyError(String title, Throwable error) {
    LOG.error("{}: {}", title, messageOf(error), error);
    onFx(() -> {
      if (repeat(title, error)) return;
      if (owner == null || !owner.isShowing()) return;
      Notifications.create().owner(owner).title(title).text(messageOf(error)).hideAfter(Duration.seconds(8))
          .position(Pos.BOTTOM_RIGHT).showError();
    });
  }

  /** An uncaught exception (any thread). */
  public void uncaught(Thread t, Throwable e) {
    showError("Unexpected error in " + t.getName(), e);
  }

  /** The error dialog (package-visible for tests). */
  public Alert dialog(String title, Throwable error) {
    Alert a = new Alert(Alert.AlertType.ERROR);
    if (owner != null && owner.isShowing()) a.initOwner(owner);
    a.setTitle(title);
    a.setHeaderText(title);
    Label msg = new Label(messageOf(error));
    msg.setWrapText(true);
    msg.setId("error-message");
    msg.setMaxWidth(640);
    a.getDialogPane().setContent(msg);
    TextArea details = new TextArea(stackTrace(error));
    details.setEditable(false);
    details.setPrefRowCount(14);
    VBox.setVgrow(details, Priority.ALWAYS);
    a.getDialogPane().setExpandableContent(new VBox(details));
    ButtonType copy = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
    a.getButtonTypes().add(0, copy);
    a.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
      ClipboardContent c = new ClipboardContent();
      c.putString(title + "\n" + messageOf(error) + "\n\n" + stackTrace(error));
      Clipboard.getSystemClipboard().setContent(c);
      ev.consume(); // keep the dialog open
    });
    a.getDialogPane().setMinWidth(520);
    return a;
  }

  private boolean repeat(String title, Throwable e) {
    String key = title + "|" + messageOf(e);
    long now = System.currentTimeMillis();
    boolean rep = key.equals(lastMessage) && now - lastAt < 2000;
    lastMessage = key;
    lastAt = now;
    return rep;
  }

  private static void onFx(Runnable r) {
    if (Platform.isFxApplicationThread()) r.run();
    else Platform.runLater(r);
  }

  /** The message a user reads: the root of wrapper exceptions, or the class name. */
  public static String messageOf(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException || t instanceof java.lang.reflect.InvocationTargetException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t == null) return "unknown error";
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  static String stackTrace(Throwable e) {
    if (e == null) return "";
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
