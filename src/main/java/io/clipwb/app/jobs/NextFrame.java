package io.clipwb.app.jobs;

import javafx.animation.AnimationTimer;

/**
 * Runs FX work in the next pulse rather than now. Why: a refresh during a run publishes the run
 * status (the project tree follows it) and the report (every open view refills its pickers and
 * redraws); done in one event they land in one pulse of 50-100 ms, done a frame apart in two
 * smaller ones. Work handed here runs on the FX thread, in the animation phase of the next pulse
 * (before its CSS and layout passes), in the order given.
 */
public final class NextFrame {
  private NextFrame() {}

  /** Runs {@code work} in the next pulse (FX thread only). */
  public static void run(Runnable work) {
    new AnimationTimer() {
      @Override
      public void handle(long now) {
        stop();
        work.run();
      }
    }.start();
  }
}
