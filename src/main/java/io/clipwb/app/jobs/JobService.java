package io.clipwb.app.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.clipwb.core.util.BackgroundThreads;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import javafx.util.Duration;

/**
 * Runs the workbench's long jobs. Model work queues on one worker thread (two models at once would
 * only fight over the same cores and memory); light background reads (model cards, image counts,
 * cache size, report recomputation) run on a small separate pool so they never wait behind a run.
 * All threads are named daemons. One 5 Hz timeline on the FX thread polls the running jobs.
 */
public final class JobService implements AutoCloseable {
  /** Jobs kept in the list (finished ones beyond this are dropped, oldest first). */
  static final int KEEP = 20;

  private final ExecutorService worker = Executors.newSingleThreadExecutor(BackgroundThreads.factory("clipwb-job"));
  // reports and look-ups the user waits for: normal priority (a run's worker yields to the UI)
  private final ExecutorService background = Executors.newFixedThreadPool(2, BackgroundThreads.daemon("clipwb-bg"));
  private final ObservableList<Job<?>> jobs = FXCollections.observableArrayList();
  private final Timeline timer;
  private BiConsumer<String, Throwable> onFailure = (t, e) -> {};

  /** Must be created on the FX thread. */
  public JobService() {
    timer = new Timeline(new KeyFrame(Duration.millis(200), e -> {
      for (Job<?> j : jobs) j.poll();
    }));
    timer.setCycleCount(Animation.INDEFINITE);
    timer.play();
  }

  /** Where failed jobs are reported (the shell's error notifications). */
  public void setOnFailure(BiConsumer<String, Throwable> sink) {
    this.onFailure = sink;
  }

  /** Every job, queued, running or finished (FX thread). */
  public ObservableList<Job<?>> jobs() {
    return jobs;
  }

  /**
   * Queues core work on the model worker (FX thread).
   *
   * @param summarizer the line a finished job keeps, e.g. "2 models x 3 sets: 1,600 images, 0 computed, 4.1 s"
   */
  public <T> Job<T> submit(String title, Job.Work<T> work, Function<? super T, String> summarizer) {
    Job<T> job = new Job<>(title, work, summarizer);
    job.stateProperty().addListener((o, a, s) -> {
      if (s == Worker.State.SUCCEEDED || s == Worker.State.FAILED || s == Worker.State.CANCELLED) {
        job.finish();
        if (s == Worker.State.FAILED) onFailure.accept(title, job.getException());
      }
    });
    jobs.add(job);
    while (jobs.size() > KEEP) {
      Job<?> old = jobs.stream().filter(Job::isDone).findFirst().orElse(null);
      if (old == null) break;
      jobs.remove(old);
    }
    worker.execute(job);
    return job;
  }

  /** Whether any job is queued or running (FX thread). */
  public boolean busy() {
    return jobs.stream().anyMatch(j -> !Job.finished(j.getState()));
  }

  /** The pool for light background reads. */
  public ExecutorService background() {
    return background;
  }

  /** Cancels every job (through the core) and stops the threads. */
  @Override
  public void close() {
    timer.stop();
    jobs.forEach(j -> j.cancellation().cancel());
    worker.shutdown();
    background.shutdown();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
