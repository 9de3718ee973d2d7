package io.clipwb.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.PatchFeatures;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.core.model.onnx.OnnxTower;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLIP towers from a bundle's TorchScript files through DJL's PyTorch engine, or its {@code .onnx}
 * files through DJL's ONNX Runtime engine ({@link OnnxTowers}; the engine is chosen per file by its
 * extension), strictly offline.
 *
 * <p>Design notes (why it looks like this):
 *
 * <ul>
 *   <li><b>Offline</b>: {@code ai.djl.offline=true} is set before the engine starts unless the user set
 *       it; libtorch then comes from the {@code pytorch-native-cpu} jar, never from the network.
 *   <li><b>Device</b>: CPU by default; a GPU when DJL's PyTorch engine reports one, unless
 *       {@link #load(Bundle, boolean) forceCpu} or system property {@code clipwb.device=cpu}.
 *   <li><b>Threads</b>: a {@link ZooModel} may be shared, a {@link Predictor} may not; each
 *       {@link #newImageEncoder()}/{@link #newTextEncoder()} opens its own predictor, one per worker.
 *   <li><b>Memory</b>: a tiny translator builds the input tensor in the predictor context's
 *       per-call {@link NDManager} and copies the output into Java arrays before that scope closes,
 *       so no {@code NDArray} outlives a batch (no native memory growth over a 50,000-image run).
 *   <li><b>Fail early</b>: each tower is loaded and probed with a one-item batch at load time, so a
 *       corrupt file or an output width different from {@code embed_dim} stops the run before any
 *       work, with a {@link BundleException} naming the file and the bundle.json field.
 * </ul>
 */
public final class DjlClipModel implements ClipModel {
  private static final Logger LOG = LoggerFactory.getLogger(DjlClipModel.class);

  /**
   * Logger of the one line a user sees about where the model runs ("device: cpu, 2 threads, PyTorch
   * 2.7.1"), logged at INFO on every model load; the CLI prints it once per command and keeps the
   * libraries' own start-up chatter (DJL's INFO lines, its GPU-count warnings on CPU machines) out
   * of stderr unless {@code --verbose}.
   */
  public static final String DEVICE_LOGGER = "io.clipwb.device";

  private static final Logger DEVICE_LOG = LoggerFactory.getLogger(DEVICE_LOGGER);

  /**
   * Keeps DJL from downloading anything: sets {@code ai.djl.offline=true} unless the user set it.
   * The launchers call it at start-up; every loader here calls it too (idempotent), so the property
   * is set when DJL is first used rather than as a side effect of loading this class.
   */
  public static void configureOffline() {
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
  }

  /**
   * CUDA devices the PyTorch engine sees: 0 on a CPU build of libtorch or a machine without a
   * driver (the run dialog then offers only the CPU). Loads the engine's native library.
   */
  public static int gpuCount() {
    return engine().getGpuCount();
  }

  private static Engine engine() {
    configureOffline();
    try {
      return Engine.getEngine("PyTorch");
    } catch (RuntimeException e) {
      throw new BundleException("cannot start DJL's PyTorch engine (libtorch from the pytorch-native-cpu jar, offline): "
          + e.getMessage(), e);
    }
  }

  private final Bundle bundle;
  private final Device device;
  private final ZooModel<Tensor, Tensor> image;
  private final ZooModel<Tensor, Tensor> text;
  private final ZooModel<Tensor, Tensor> patch;

  private DjlClipModel(Bundle bundle, Device device, ZooModel<Tensor, Tensor> image, ZooModel<Tensor, Tensor> text,
      ZooModel<Tensor, Tensor> patch) {
    this.bundle = bundle;
    this.device = device;
    this.image = image;
    this.text = text;
    this.patch = patch;
  }

  /**
   * What every run manifest records about the software, from the CLI and the workbench alike (so
   * both write identical manifests): clipwb, Java, then {@link #environment()}.
   */
  public static java.util.Map<String, String> runEnvironment() {
    java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("clipwb", io.clipwb.core.util.Version.current());
    env.put("java", System.getProperty("java.version"));
    env.putAll(environment());
    return env;
  }

  /** Engine facts recorded in run manifests: DJL and libtorch versions, device. */
  public static java.util.Map<String, String> environment() {
    configureOffline();
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("djl", Engine.getDjlVersion());
    try {
      Engine engine = Engine.getEngine("PyTorch");
      m.put("engine", "PyTorch " + engine.getVersion());
      m.put("device", engine.getGpuCount() > 0 && !"cpu".equalsIgnoreCase(System.getProperty("clipwb.device", "auto")) ? "gpu" : "cpu");
    } catch (RuntimeException e) {
      m.put("engine", "unavailable: " + e.getMessage());
    }
    return m;
  }

  /** "cpu, 2 threads, PyTorch 2.7.1": the device, libtorch's intra-op threads and its version. */
  public static String deviceLine(Engine engine, Device device) {
    String where = device.isGpu() ? "gpu " + device.getDeviceId() : device.getDeviceType();
    String threads;
    try {
      threads = ai.djl.pytorch.jni.JniUtils.getNumThreads() + " threads";
    } catch (RuntimeException | LinkageError e) {
      threads = "threads unknown";
    }
    return where + ", " + threads + ", PyTorch " + engine.getVersion();
  }

  private static void logDevice(Engine engine, Device device) {
    DEVICE_LOG.info("device: {}", deviceLine(engine, device));
  }

  /** Loads the bundle's towers on the default device (see the class comment). */
  public static ClipModel load(Bundle bundle) {
    return load(bundle, "cpu".equalsIgnoreCase(System.getProperty("clipwb.device", "auto")));
  }

  /**
   * Loads the bundle's towers.
   *
   * @param forceCpu run on the CPU even when a GPU is available
   * @throws BundleException naming the file and field when a tower cannot be loaded or gives the
   *     wrong output shape
   */
  public static ClipModel load(Bundle bundle, boolean forceCpu) {
    if (onnxOnly(bundle, true)) return openTowers(bundle, Device.cpu(), true);
    Engine engine = engine();
    Device device = !forceCpu && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    if (io.clipwb.core.model.checkpoint.CheckpointFolders.isCheckpoint(bundle)) {
      logDevice(engine, device);
      return io.clipwb.djl.checkpoint.CheckpointClipModel.load(bundle, device, true); // a checkpoint folder, no TorchScript
    }
    LOG.debug("loading bundle {} ({}) on {} with DJL {} / PyTorch {}", bundle.name(), bundle.dir(), device,
        Engine.getDjlVersion(), engine.getVersion());
    logDevice(engine, device);
    return openTowers(bundle, device, true);
  }

  /** Whether every tower to load is an ONNX file: then libtorch is not started at all. */
  private static boolean onnxOnly(Bundle bundle, boolean images) {
    boolean onnx = OnnxTowers.isOnnx(bundle.textEncoder());
    if (images) {
      onnx &= OnnxTowers.isOnnx(bundle.imageEncoder());
      if (bundle.patchEncoder().isPresent()) onnx &= OnnxTowers.isOnnx(bundle.patchEncoder().get());
    }
    if (onnx) DEVICE_LOG.info("device: {}", OnnxTowers.deviceLine());
    return onnx;
  }

  private static DjlClipModel openTowers(Bundle bundle, Device device, boolean images) {
    List<ZooModel<Tensor, Tensor>> opened = new ArrayList<>();
    try {
      ZooModel<Tensor, Tensor> img = images ? open(bundle, bundle.imageEncoder(), "image_encoder", device, opened) : null;
      ZooModel<Tensor, Tensor> txt = open(bundle, bundle.textEncoder(), "text_encoder", device, opened);
      ZooModel<Tensor, Tensor> pat = images && bundle.patchEncoder().isPresent()
          ? open(bundle, bundle.patchEncoder().get(), "patch_encoder", device, opened) : null;
      DjlClipModel model = new DjlClipModel(bundle, device, img, txt, pat);
      model.probe();
      return model;
    } catch (RuntimeException e) {
      for (ZooModel<Tensor, Tensor> m : opened) m.close();
      throw e;
    }
  }

  /** The text tower only, on the default device: for re-scoring prompts from cached image embeddings. */
  public static ClipModel loadTextOnly(Bundle bundle) {
    return loadTextOnly(bundle, "cpu".equalsIgnoreCase(System.getProperty("clipwb.device", "auto")));
  }

  /**
   * Loads only the bundle's text tower (the image and patch towers are never opened, which saves
   * their memory and load time when re-scoring from {@code image_embeddings.npy}). Its
   * {@link #newImageEncoder()} throws {@link IllegalStateException}.
   *
   * @throws BundleException naming the file when the text tower cannot be loaded or gives the
   *     wrong output shape
   */
  public static ClipModel loadTextOnly(Bundle bundle, boolean forceCpu) {
    if (onnxOnly(bundle, false)) return openTowers(bundle, Device.cpu(), false);
    Engine engine = engine();
    Device device = !forceCpu && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    if (io.clipwb.core.model.checkpoint.CheckpointFolders.isCheckpoint(bundle)) {
      logDevice(engine, device);
      return io.clipwb.djl.checkpoint.CheckpointClipModel.load(bundle, device, false);
    }
    LOG.debug("loading the text tower of bundle {} ({}) on {}", bundle.name(), bundle.dir(), device);
    logDevice(engine, device);
    return openTowers(bundle, device, false);
  }

  /** Whether the image tower is loaded ({@code false} for {@link #loadTextOnly}). */
  public boolean hasImageTower() {
    return image != null;
  }

  /** Where a tower file is named in messages: its bundle.json field, or its role in a folder without one. */
  private static String where(Bundle bundle, String field) {
    return java.nio.file.Files.isRegularFile(bundle.dir().resolve(io.clipwb.core.model.BundleLoader.FILE_NAME))
        ? "bundle.json field '" + field + "'" : field.replace('_', ' ');
  }

  private static ZooModel<Tensor, Tensor> open(Bundle bundle, Path file, String field, Device device,
      List<ZooModel<Tensor, Tensor>> opened) {
    if (OnnxTowers.isOnnx(file)) {
      OnnxTower.Role role = switch (field) {
        case "image_encoder" -> OnnxTower.Role.IMAGE;
        case "text_encoder" -> OnnxTower.Role.TEXT;
        default -> OnnxTower.Role.PATCH;
      };
      int width = role == OnnxTower.Role.PATCH ? bundle.patchGrid()[0] * bundle.patchGrid()[1] : bundle.embedDim();
      ZooModel<Tensor, Tensor> m = OnnxTowers.open(file, where(bundle, field), role, bundle.preprocessing().inputSize(),
          bundle.tokenizer().contextLength(), width, bundle.tokenizer().eot());
      opened.add(m);
      return m;
    }
    return openTorchScript(file, field, device, opened);
  }

  private static ZooModel<Tensor, Tensor> openTorchScript(Path file, String field, Device device,
      List<ZooModel<Tensor, Tensor>> opened) {
    String fileName = file.getFileName().toString();
    String stem = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
    Criteria<Tensor, Tensor> criteria =
        Criteria.builder()
            .setTypes(Tensor.class, Tensor.class)
            .optEngine("PyTorch")
            .optModelPath(file.getParent())
            .optModelName(stem)
            .optDevice(device)
            .optOption("mapLocation", "true") // towers traced on a GPU load on the CPU
            .optTranslator(new Tensor.TensorTranslator(Tensor.Io.POSITIONAL))
            .build();
    try {
      ZooModel<Tensor, Tensor> m = criteria.loadModel();
      opened.add(m);
      return m;
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new BundleException(file + " (bundle.json field '" + field + "'): cannot be loaded as TorchScript: "
          + firstLine(e) + " — re-export the bundle with tools/export_bundle.py", e);
    }
  }

  static String firstLine(Throwable e) {
    Throwable t = e;
    String msg = null;
    while (t != null && msg == null) {
      msg = t.getMessage();
      t = t.getCause();
    }
    if (msg == null) return e.getClass().getSimpleName();
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  /** One-item forward passes through every tower: shapes must match bundle.json before any work. */
  private void probe() {
    if (image != null) {
      int s = bundle.preprocessing().inputSize();
      ImageBatch one = new ImageBatch(1, s, s, new float[3 * s * s]);
      try (ImageEncoder enc = newImageEncoder()) {
        enc.encode(one);
        if (patch != null) enc.encodePatches(one);
      }
    }
    int[] row = new int[bundle.tokenizer().contextLength()];
    row[0] = bundle.tokenizer().sot();
    row[1] = bundle.tokenizer().eot();
    try (TextEncoder enc = newTextEncoder()) {
      enc.encode(new int[][] {row});
    }
  }

  /**
   * A bare image tower (a TorchScript file outside any bundle), e.g. for {@code clipwb bench}: its
   * encoders return rows of whatever width the tower gives.
   *
   * @throws BundleException naming the file when it cannot be loaded
   */
  public static ImageTower loadImageTower(Path file, boolean forceCpu) {
    if (!java.nio.file.Files.isRegularFile(file)) throw new BundleException(file + ": no such TorchScript or ONNX file");
    if (OnnxTowers.isOnnx(file)) {
      DEVICE_LOG.info("device: {}", OnnxTowers.deviceLine());
      return new ImageTower(file, OnnxTowers.open(file.toAbsolutePath(), "image tower", OnnxTower.Role.IMAGE, -1, -1, -1, -1),
          Device.cpu());
    }
    Engine engine = engine();
    Device device = !forceCpu && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    ZooModel<Tensor, Tensor> m = openTorchScript(file.toAbsolutePath(), "image_encoder", device, new ArrayList<>());
    return new ImageTower(file, m, device);
  }

  /** A bare TorchScript image tower; {@link #newEncoder()} once per worker thread. */
  public static final class ImageTower implements AutoCloseable {
    private final Path file;
    private final ZooModel<Tensor, Tensor> model;
    private final Device device;

    private ImageTower(Path file, ZooModel<Tensor, Tensor> model, Device device) {
      this.file = file;
      this.model = model;
      this.device = device;
    }

    public String device() {
      return device.toString();
    }

    /** A new encoder with its own predictor. Not thread-safe; close it when done. */
    public ImageEncoder newEncoder() {
      Predictor<Tensor, Tensor> p = model.newPredictor();
      return new ImageEncoder() {
        @Override
        public float[][] encode(ImageBatch batch) {
          if (batch.count() == 0) return new float[0][];
          Tensor out;
          try {
            out = p.predict(Tensor.ofFloats(batch.pixels(), batch.count(), 3, batch.height(), batch.width()));
          } catch (TranslateException | RuntimeException e) {
            throw new BundleException(file + ": forward pass failed: " + firstLine(e), e);
          }
          if (out.shape.length != 2 || out.shape[0] != batch.count()) {
            throw new BundleException(file + ": returns shape " + Tensor.shapeText(out.shape) + ", expected N x D");
          }
          int n = batch.count();
          int d = (int) out.shape[1];
          float[][] r = new float[n][d];
          for (int i = 0; i < n; i++) System.arraycopy(out.floats, i * d, r[i], 0, d);
          return r;
        }

        @Override
        public void close() {
          p.close();
        }
      };
    }

    @Override
    public void close() {
      model.close();
    }
  }

  @Override
  public Bundle bundle() {
    return bundle;
  }

  /** The device the towers run on. */
  public String device() {
    return device.toString();
  }

  @Override
  public ImageEncoder newImageEncoder() {
    if (image == null) throw new IllegalStateException(bundle.name() + ": loaded with the text tower only (loadTextOnly)");
    Predictor<Tensor, Tensor> img = image.newPredictor();
    Predictor<Tensor, Tensor> pat = patch == null ? null : patch.newPredictor();
    return new DjlImageEncoder(img, pat);
  }

  @Override
  public TextEncoder newTextEncoder() {
    return new DjlTextEncoder(text.newPredictor());
  }

  @Override
  public void close() {
    if (image != null) image.close();
    text.close();
    if (patch != null) patch.close();
  }

  private Tensor run(Predictor<Tensor, Tensor> p, Tensor in, Path file, String field) {
    try {
      return p.predict(in);
    } catch (TranslateException | RuntimeException e) {
      throw new BundleException(file + " (bundle.json field '" + field + "'): forward pass on input "
          + Tensor.shapeText(in.shape) + " failed: " + firstLine(e), e);
    }
  }

  private float[][] rows(Tensor out, int n, Path file, String field) {
    if (out.shape.length != 2 || out.shape[0] != n || out.shape[1] != bundle.embedDim()) {
      throw new BundleException(String.format(Locale.ROOT,
          "%s (bundle.json field '%s'): returns shape %s for %d inputs, but bundle.json field 'embed_dim' says %d",
          file, field, Tensor.shapeText(out.shape), n, bundle.embedDim()));
    }
    int d = bundle.embedDim();
    float[][] r = new float[n][d];
    for (int i = 0; i < n; i++) System.arraycopy(out.floats, i * d, r[i], 0, d);
    return r;
  }

  private final class DjlImageEncoder implements ImageEncoder {
    private final Predictor<Tensor, Tensor> image;
    private final Predictor<Tensor, Tensor> patches;

    DjlImageEncoder(Predictor<Tensor, Tensor> image, Predictor<Tensor, Tensor> patches) {
      this.image = image;
      this.patches = patches;
    }

    private Tensor input(ImageBatch batch) {
      return Tensor.ofFloats(batch.pixels(), batch.count(), 3, batch.height(), batch.width());
    }

    @Override
    public float[][] encode(ImageBatch batch) {
      if (batch.count() == 0) return new float[0][];
      Tensor out = run(image, input(batch), bundle.imageEncoder(), "image_encoder");
      return rows(out, batch.count(), bundle.imageEncoder(), "image_encoder");
    }

    @Override
    public PatchFeatures encodePatches(ImageBatch batch) {
      if (patches == null) throw new UnsupportedOperationException("bundle " + bundle.name() + " exports no patch encoder");
      Path file = bundle.patchEncoder().orElseThrow();
      int gh = bundle.patchGrid()[0];
      int gw = bundle.patchGrid()[1];
      if (batch.count() == 0) return new PatchFeatures(gh, gw, new float[0][][]);
      Tensor out = run(patches, input(batch), file, "patch_encoder");
      int n = batch.count();
      if (out.shape.length != 3 || out.shape[0] != n || out.shape[1] != (long) gh * gw) {
        throw new BundleException(String.format(Locale.ROOT,
            "%s (bundle.json field 'patch_encoder'): returns shape %s for %d inputs, but bundle.json field 'patch_grid' %dx%d needs N x %d x d",
            file, Tensor.shapeText(out.shape), n, gh, gw, gh * gw));
      }
      int l = gh * gw;
      int d = (int) out.shape[2];
      float[][][] f = new float[n][l][d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < l; j++) System.arraycopy(out.floats, (i * l + j) * d, f[i][j], 0, d);
      }
      return new PatchFeatures(gh, gw, f);
    }

    @Override
    public void close() {
      image.close();
      if (patches != null) patches.close();
    }
  }

  private final class DjlTextEncoder implements TextEncoder {
    private final Predictor<Tensor, Tensor> predictor;

    DjlTextEncoder(Predictor<Tensor, Tensor> predictor) {
      this.predictor = predictor;
    }

    @Override
    public float[][] encode(int[][] tokens) {
      int n = tokens.length;
      if (n == 0) return new float[0][];
      int ctx = bundle.tokenizer().contextLength();
      long[] ids = new long[n * ctx];
      for (int i = 0; i < n; i++) {
        if (tokens[i].length != ctx) {
          throw new IllegalArgumentException("token row " + i + " has " + tokens[i].length
              + " ids; bundle.json field 'tokenizer.context_length' is " + ctx);
        }
        for (int j = 0; j < ctx; j++) ids[i * ctx + j] = tokens[i][j];
      }
      Tensor out = run(predictor, Tensor.ofLongs(ids, n, ctx), bundle.textEncoder(), "text_encoder");
      return rows(out, n, bundle.textEncoder(), "text_encoder");
    }

    @Override
    public void close() {
      predictor.close();
    }
  }
}
