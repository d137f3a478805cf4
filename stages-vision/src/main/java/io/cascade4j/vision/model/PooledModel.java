package io.cascade4j.vision.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A TorchScript or ONNX model behind a fixed pool of DJL predictors, on one device or spread over several. DJL
 * {@link Predictor}s are not thread-safe, so each call borrows one (waiting if all are busy) and returns it; every
 * {@link NDArray} of a call lives in a sub-manager closed before the call returns, so native memory does not grow
 * with the number of queries.
 *
 * <p>The input goes to the engine through a direct buffer that each predictor keeps and reuses: the caller writes
 * straight into it ({@link #run(long[], Consumer)}), so no {@code float[]} is made per call and the engine reads the
 * buffer in place ({@code from_blob}) instead of DJL copying an array into a freshly zeroed buffer first.
 *
 * <p>The model takes one float32 input; {@link #run} reads back its first output, {@link #runAll} every output
 * (detectors of the DETR family answer with boxes and logits).
 */
public final class PooledModel implements AutoCloseable {
  private final List<ZooModel<NDList, NDList>> models;
  private final BlockingQueue<Worker> idle;
  private final List<Worker> all = new ArrayList<>();
  private final Path path;
  private final Placement placement;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Duration warmLatency;

  /**
   * Where a model runs: its devices (one model copy each), predictors per device, and warm-up calls per predictor.
   *
   * @param devices the devices, CPU or GPUs; a list spreads the predictors over them
   * @param workers predictors per device: concurrent forward passes
   * @param warmUps calls each predictor makes at load on the stage's input shape
   * @param precision the model's input type: fp32, or fp16 for a model traced with {@code model.half()} and a half
   *     input (the buffer's floats are cast on the way in; outputs are read as float32 whatever their type)
   */
  public record Placement(List<Device> devices, int workers, int warmUps, Precision precision) {
    /** An fp32 placement. */
    public Placement(List<Device> devices, int workers, int warmUps) {
      this(devices, workers, warmUps, Precision.FP32);
    }

    /** Validates and copies. */
    public Placement {
      Objects.requireNonNull(precision, "precision");
      devices = List.copyOf(devices);
      if (devices.isEmpty()) {
        throw new IllegalArgumentException("a model needs at least one device");
      }
      if (workers < 1 || warmUps < 0) {
        throw new IllegalArgumentException("workers must be at least 1 and warm-up calls at least 0");
      }
    }

    /** {@code workers} predictors on the CPU, no warm-up. */
    public static Placement cpu(int workers) {
      return new Placement(List.of(Device.cpu()), workers, 0);
    }

    /** Whether any device is a GPU. */
    public boolean usesGpu() {
      return devices.stream().anyMatch(Device::isGpu);
    }
  }

  /** The input type a model was exported for. */
  public enum Precision {
    /** float32 input (fp32 weights, or fp16 weights behind a wrapper that casts: {@code m(x.half()).float()}). */
    FP32,
    /** float16 input: a model traced with {@code model.half()} and a half input. */
    FP16
  }

  /** One predictor and the direct buffer its inputs travel in. */
  private static final class Worker {
    final Predictor<NDList, NDList> predictor;
    final ZooModel<NDList, NDList> model;
    ByteBuffer input = ByteBuffer.allocateDirect(0);

    Worker(ZooModel<NDList, NDList> model) {
      this.model = model;
      this.predictor = model.newPredictor();
    }

    /** The reused input buffer, grown when a larger input arrives, limited to {@code floats} values. */
    ByteBuffer input(int floats) {
      int bytes = Math.multiplyExact(floats, Float.BYTES);
      if (input.capacity() < bytes) {
        input = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
      }
      input.clear().limit(bytes);
      return input;
    }
  }

  private PooledModel(Path path, List<ZooModel<NDList, NDList>> models, Placement placement) {
    this.path = path;
    this.models = List.copyOf(models);
    this.placement = placement;
    this.idle = new ArrayBlockingQueue<>(models.size() * placement.workers());
    // Interleaved over the devices, so a lightly loaded pool spreads its calls.
    for (int w = 0; w < placement.workers(); w++) {
      for (ZooModel<NDList, NDList> model : models) {
        Worker worker = new Worker(model);
        all.add(worker);
        idle.add(worker);
      }
    }
  }

  /**
   * Loads {@code file} with {@code engine} and opens {@code poolSize} predictors on the CPU.
   *
   * @throws IOException if the file is missing or the engine cannot load it; the message names both
   */
  public static PooledModel load(Path file, InferenceEngine engine, int poolSize) throws IOException {
    return load(file, engine, Placement.cpu(poolSize));
  }

  /**
   * Loads {@code file} with {@code engine} on each device of {@code placement}, with its predictors. TorchScript is
   * loaded straight onto its device ({@code mapLocation}). Warm-up needs the input shape: see {@link #warmUp}.
   *
   * @throws IOException if the file is missing or the engine cannot load it; the message names both
   * @throws IllegalArgumentException if a model declared fp16 has no half parameters
   */
  public static PooledModel load(Path file, InferenceEngine engine, Placement placement) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("model file " + file.toAbsolutePath() + " does not exist or is not a file");
    }
    engine.requireAvailable();
    if (engine == InferenceEngine.ONNX_RUNTIME) {
      List<String> problems = OnnxModelFile.knownProblems(file);
      if (!problems.isEmpty()) {
        throw new IOException("cannot load " + file.toAbsolutePath() + " with DJL's OnnxRuntime "
            + OnnxModelFile.ONNX_RUNTIME + " engine: " + String.join("; ", problems));
      }
    }
    List<ZooModel<NDList, NDList>> models = new ArrayList<>();
    try {
      for (Device device : placement.devices()) {
        Criteria.Builder<NDList, NDList> criteria = criteria(file, engine).optDevice(device);
        if (engine == InferenceEngine.PYTORCH) {
          criteria.optOption("mapLocation", "true");
        } else {
          EngineSettings.current().onnxRuntimeOptions(device.isGpu()).forEach(criteria::optOption);
        }
        EngineSettings.modelLoaded();
        models.add(criteria.build().loadModel());
      }
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      models.forEach(ZooModel::close);
      throw new IOException("cannot load " + file.toAbsolutePath() + " with DJL's " + engine.djlName() + " engine"
          + " on " + placement.devices() + ": " + LoadFailure.explain(engine, e), e);
    }
    try {
      checkPrecision(file, models.getFirst(), placement.precision());
    } catch (IllegalArgumentException e) {
      models.forEach(ZooModel::close);
      throw e;
    }
    return new PooledModel(file, models, placement);
  }

  /**
   * Loads parameters saved by DJL ({@code Model.save(dir, name)}) into {@code block}, on the PyTorch engine: how a
   * head trained in Java is loaded back.
   *
   * @throws IOException if the directory holds no parameters for {@code name} or they do not fit the block
   */
  public static PooledModel loadBlock(Path dir, String name, ai.djl.nn.Block block, int poolSize) throws IOException {
    InferenceEngine.PYTORCH.requireAvailable();
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
    }
    try {
      ZooModel<NDList, NDList> model = criteria(dir, InferenceEngine.PYTORCH).optModelName(name).optBlock(block)
          .optDevice(Device.cpu()).build().loadModel();
      return new PooledModel(dir.resolve(name), List.of(model), Placement.cpu(poolSize));
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException("cannot load parameters '" + name + "' from " + dir.toAbsolutePath() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The fp16 contract against the model's own parameters, where the engine shows them (TorchScript): a model declared
   * fp16 must have half parameters. (fp32 input with half parameters is the casting wrapper's style, and allowed.)
   */
  private static void checkPrecision(Path file, ZooModel<NDList, NDList> model, Precision precision) {
    if (precision != Precision.FP16) {
      return;
    }
    java.util.Set<DataType> types = new java.util.HashSet<>();
    try {
      model.getBlock().getParameters().forEach(p -> {
        if (p.getValue().isInitialized()) {
          types.add(p.getValue().getArray().getDataType());
        }
      });
    } catch (RuntimeException e) {
      return; // an engine that does not show its parameters (ONNX Runtime): the warm-up's forward pass decides
    }
    if (!types.isEmpty() && !types.contains(DataType.FLOAT16)) {
      throw new IllegalArgumentException(file.getFileName() + " is declared dtype: fp16 but its parameters are " + types
          + "; export it with model.half() traced on a half input, or set dtype: fp32");
    }
  }

  /**
   * How far {@code candidate}'s outputs are from {@code reference}'s on one seeded input of {@code shape} (values in
   * [-1, 1]): the largest absolute difference over every output, and the largest absolute reference value. How an fp16
   * export is held to its fp32 original once, at load.
   *
   * @throws IllegalArgumentException if the outputs differ in number or shape
   * @throws InterruptedException if interrupted while waiting for a predictor
   */
  public static double[] compare(PooledModel candidate, PooledModel reference, long[] shape, long seed)
      throws InterruptedException {
    float[] input = new float[Math.toIntExact(new Shape(shape).size())];
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextFloat() * 2 - 1;
    }
    List<ModelOutput> a = candidate.runAll(input, shape);
    List<ModelOutput> b = reference.runAll(input, shape);
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("the model has " + a.size() + " outputs, its reference " + b.size());
    }
    double maxDiff = 0;
    double maxRef = 0;
    for (int o = 0; o < a.size(); o++) {
      if (!java.util.Arrays.equals(a.get(o).shape(), b.get(o).shape())) {
        throw new IllegalArgumentException("output " + o + " has shape " + java.util.Arrays.toString(a.get(o).shape())
            + ", its reference's " + java.util.Arrays.toString(b.get(o).shape()));
      }
      float[] x = a.get(o).values();
      float[] y = b.get(o).values();
      for (int i = 0; i < x.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
        maxRef = Math.max(maxRef, Math.abs(y[i]));
      }
    }
    return new double[] {maxDiff, maxRef};
  }

  private static Criteria.Builder<NDList, NDList> criteria(Path path, InferenceEngine engine) {
    return Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(path)
        .optEngine(engine.djlName())
        .optTranslator(new NoopTranslator());
  }

  /**
   * Runs each predictor {@code times} times on a zero input of {@code shape}: the first calls of a model pay for
   * initialisation (cuDNN and cuBLAS set-up, the profiling executor's second pass), which a query must not. The
   * last call's time becomes {@link #warmLatency()}.
   *
   * @throws InterruptedException if interrupted while waiting for a predictor
   */
  public void warmUp(long[] shape, int times) throws InterruptedException {
    if (times < 1) {
      return;
    }
    int values = Math.toIntExact(new Shape(shape).size());
    long last = 0;
    for (int round = 0; round < times; round++) {
      for (int w = 0; w < all.size(); w++) {
        long start = System.nanoTime();
        call(shape, values, buffer -> { }, out -> List.of());
        last = System.nanoTime() - start;
      }
    }
    warmLatency = Duration.ofNanos(last);
  }

  /** The time of the last warm-up call, when there was a warm-up. */
  public Optional<Duration> warmLatency() {
    return Optional.ofNullable(warmLatency);
  }

  /** Where this model runs. */
  public Placement placement() {
    return placement;
  }

  /**
   * Runs the model on one input of the given shape and returns its first output.
   *
   * @throws InterruptedException if interrupted while waiting for a free predictor
   */
  public ModelOutput run(float[] input, long[] shape) throws InterruptedException {
    return call(shape, input.length, buffer -> buffer.put(input), out -> List.of(copy(out.get(0)))).get(0);
  }

  /**
   * Runs the model on an input of {@code shape} that {@code writer} writes straight into the predictor's buffer
   * (exactly as many floats as the shape holds), and returns its first output.
   *
   * @throws InterruptedException if interrupted while waiting for a free predictor
   */
  public ModelOutput run(long[] shape, Consumer<FloatBuffer> writer) throws InterruptedException {
    int values = Math.toIntExact(new Shape(shape).size());
    return call(shape, values, writer, out -> List.of(copy(out.get(0)))).get(0);
  }

  /**
   * Runs the model on one input of the given shape and returns every output, in the model's order.
   *
   * @throws InterruptedException if interrupted while waiting for a free predictor
   */
  public List<ModelOutput> runAll(float[] input, long[] shape) throws InterruptedException {
    return call(shape, input.length, buffer -> buffer.put(input), out -> out.stream().map(PooledModel::copy).toList());
  }

  /**
   * Runs the model on an input of {@code shape} that {@code writer} writes straight into the predictor's buffer, and
   * returns every output, in the model's order.
   *
   * @throws InterruptedException if interrupted while waiting for a free predictor
   */
  public List<ModelOutput> runAll(long[] shape, Consumer<FloatBuffer> writer) throws InterruptedException {
    int values = Math.toIntExact(new Shape(shape).size());
    return call(shape, values, writer, out -> out.stream().map(PooledModel::copy).toList());
  }

  /**
   * Today's path before the direct buffers: {@code NDManager.create(float[])}. Kept for the tests and the benchmark
   * that prove the buffer path gives the same bits, faster.
   */
  ModelOutput runCopying(float[] input, long[] shape) throws InterruptedException {
    Worker worker = borrow();
    try (NDManager scope = worker.model.getNDManager().newSubManager()) {
      NDList out = worker.predictor.predict(new NDList(scope.create(input, new Shape(shape))));
      out.attach(scope);
      return copy(out.get(0));
    } catch (TranslateException e) {
      throw failure(shape, e);
    } finally {
      idle.add(worker);
    }
  }

  private List<ModelOutput> call(long[] shape, int values, Consumer<FloatBuffer> writer,
      Function<NDList, List<ModelOutput>> read) throws InterruptedException {
    Worker worker = borrow();
    try (NDManager scope = worker.model.getNDManager().newSubManager()) {
      ByteBuffer bytes = worker.input(values);
      FloatBuffer floats = bytes.asFloatBuffer();
      writer.accept(floats);
      if (floats.position() != values && floats.position() != 0) {
        throw new IllegalArgumentException("wrote " + floats.position() + " values for an input of shape "
            + new Shape(shape) + " (" + values + " values)");
      }
      NDArray x = scope.create(bytes, new Shape(shape), DataType.FLOAT32);
      if (placement.precision() == Precision.FP16) {
        x = x.toType(DataType.FLOAT16, false);
      }
      NDList out = worker.predictor.predict(new NDList(x));
      out.attach(scope);
      return read.apply(out);
    } catch (TranslateException e) {
      throw failure(shape, e);
    } finally {
      idle.add(worker);
    }
  }

  private Worker borrow() throws InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("model " + path.getFileName() + " is closed");
    }
    return idle.take();
  }

  private IllegalStateException failure(long[] shape, TranslateException e) {
    return new IllegalStateException("model " + path.getFileName() + " failed on input " + new Shape(shape) + ": "
        + e.getMessage(), e);
  }

  private static ModelOutput copy(NDArray array) {
    // Integer outputs (labels of exports with built-in post-processing) are widened to float.
    NDArray floats = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
    return new ModelOutput(floats.toFloatArray(), array.getShape().getShape());
  }

  /** The model file this was loaded from. */
  public Path path() {
    return path;
  }

  /** Releases the predictors and the native models; later calls do nothing (DJL's ONNX session refuses a second). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    all.forEach(w -> w.predictor.close());
    models.forEach(ZooModel::close);
  }

  @Override
  public String toString() {
    return "PooledModel[" + path.getFileName() + " on " + placement.devices() + " x " + placement.workers() + "]";
  }
}
