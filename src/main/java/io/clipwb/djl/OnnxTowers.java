package io.clipwb.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.onnx.OnnxGraph;
import io.clipwb.core.model.onnx.OnnxTower;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * ONNX tower files ({@code *.onnx}) through DJL's ONNX Runtime engine: the engine is chosen by the
 * file extension, so a bundle may hold ONNX towers where it would hold TorchScript ones (and a
 * transformers.js folder opens with its {@code onnx/vision_model.onnx} and {@code onnx/text_model.onnx}).
 *
 * <p>Why this shape: the graph's declared inputs and outputs are checked first
 * ({@link OnnxTower#check}, from the file alone) so that a file that is not a tower is refused with
 * its shapes named before a session is built; the session is then fed and read <i>by name</i>
 * ({@link Tensor.Io}). ONNX Runtime's intra-op thread pool is sized from {@link #threads()} (the
 * run's thread count: {@code -Dclipwb.threads}, else every core, as libtorch does) with one inter-op
 * thread; the CPU execution provider only (the onnxruntime jar carries no CUDA), and nothing is ever
 * downloaded ({@code ai.djl.offline=true}; the natives come from the jar).
 */
final class OnnxTowers {
  static final String ENGINE = "OnnxRuntime";

  private OnnxTowers() {}

  /** Whether {@code file} is run by ONNX Runtime (its name ends in {@code .onnx}). */
  static boolean isOnnx(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.length() - ".onnx".length());
  }

  /** Intra-op threads of every ONNX session: {@code -Dclipwb.threads=N}, else all cores. */
  static int threads() {
    Integer t = Integer.getInteger("clipwb.threads");
    return t != null && t > 0 ? t : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  static Engine engine() {
    DjlClipModel.configureOffline();
    try {
      return Engine.getEngine(ENGINE);
    } catch (RuntimeException e) {
      throw new BundleException("cannot start DJL's ONNX Runtime engine (onnxruntime jar, offline): " + e.getMessage(), e);
    }
  }

  /** "cpu, 2 threads, OnnxRuntime 1.21.1". */
  static String deviceLine() {
    return "cpu, " + threads() + " threads, " + ENGINE + " " + engine().getVersion();
  }

  /**
   * Checks and opens one ONNX tower.
   *
   * @param where how to name the file in messages ("bundle.json field 'text_encoder'")
   * @param eot the tokenizer's end-of-text id (for an attention mask), -1 for image towers
   * @throws BundleException naming the file when it is not a tower of that role or cannot be loaded
   */
  static ZooModel<Tensor, Tensor> open(Path file, String where, OnnxTower.Role role, int inputSize, int contextLength,
      int width, long eot) {
    OnnxTower t = OnnxTower.check(OnnxGraph.read(file), role, where, inputSize, contextLength, width);
    engine();
    Tensor.Io io = new Tensor.Io(t.input(), t.mask(), eot, t.output());
    Criteria<Tensor, Tensor> criteria =
        Criteria.builder()
            .setTypes(Tensor.class, Tensor.class)
            .optEngine(ENGINE)
            .optModelPath(file.getParent())
            .optModelName(stem(file))
            .optDevice(Device.cpu())
            .optOption("intraOpNumThreads", Integer.toString(threads()))
            .optOption("interOpNumThreads", "1")
            .optTranslator(new Tensor.TensorTranslator(io))
            .build();
    try {
      return criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new BundleException(file + " (" + where + "): cannot be loaded by ONNX Runtime: " + DjlClipModel.firstLine(e), e);
    }
  }
}
