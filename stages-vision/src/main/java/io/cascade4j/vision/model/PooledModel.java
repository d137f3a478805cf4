package io.cascade4j.vision.model;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * A TorchScript or ONNX model behind a fixed pool of DJL predictors. DJL {@link Predictor}s are not thread-safe, so
 * each call borrows one (waiting if all are busy) and returns it; every {@link NDArray} of a call lives in a
 * sub-manager closed before the call returns, so native memory does not grow with the number of queries.
 *
 * <p>The model takes one float32 input; {@link #run} reads back its first output, {@link #runAll} every output
 * (detectors of the DETR family answer with boxes and logits).
 */
public final class PooledModel implements AutoCloseable {
  private final ZooModel<NDList, NDList> model;
  private final BlockingQueue<Predictor<NDList, NDList>> idle;
  private final List<Predictor<NDList, NDList>> all = new ArrayList<>();
  private final Path path;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private PooledModel(Path path, ZooModel<NDList, NDList> model, int poolSize) {
    this.path = path;
    this.model = model;
    this.idle = new ArrayBlockingQueue<>(poolSize);
    for (int i = 0; i < poolSize; i++) {
      Predictor<NDList, NDList> p = model.newPredictor();
      all.add(p);
      idle.add(p);
    }
  }

  /**
   * Loads {@code file} with {@code engine} and opens {@code poolSize} predictors.
   *
   * @throws IOException if the file is missing or the engine cannot load it; the message names both
   */
  public static PooledModel load(Path file, InferenceEngine engine, int poolSize) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("model file " + file.toAbsolutePath() + " does not exist or is not a file");
    }
    engine.requireAvailable();
    return open(criteria(file, engine).build(), file, poolSize,
        "cannot load " + file.toAbsolutePath() + " with DJL's " + engine.djlName() + " engine");
  }

  /**
   * Loads parameters saved by DJL ({@code Model.save(dir, name)}) into {@code block}, on the PyTorch engine: how a
   * head trained in Java is loaded back.
   *
   * @throws IOException if the directory holds no parameters for {@code name} or they do not fit the block
   */
  public static PooledModel loadBlock(Path dir, String name, ai.djl.nn.Block block, int poolSize) throws IOException {
    InferenceEngine.PYTORCH.requireAvailable();
    return open(criteria(dir, InferenceEngine.PYTORCH).optModelName(name).optBlock(block).build(), dir.resolve(name),
        poolSize, "cannot load parameters '" + name + "' from " + dir.toAbsolutePath());
  }

  private static Criteria.Builder<NDList, NDList> criteria(Path path, InferenceEngine engine) {
    return Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(path)
        .optEngine(engine.djlName())
        .optTranslator(new NoopTranslator());
  }

  private static PooledModel open(Criteria<NDList, NDList> criteria, Path path, int poolSize, String failure)
      throws IOException {
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
    }
    try {
      return new PooledModel(path, criteria.loadModel(), poolSize);
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException(failure + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the model on one input of the given shape and returns its first output.
   *
   * @throws InterruptedException if interrupted while waiting for a free predictor
   */
  public ModelOutput run(float[] input, long[] shape) throws InterruptedException {
    return call(input, shape, out -> List.of(copy(out.get(0)))).get(0);
  }

  /**
   * Runs the model on one input of the given shape and returns every output, in the model's order.
   *
   * @throws InterruptedException if interrupted while waiting for a free predictor
   */
  public List<ModelOutput> runAll(float[] input, long[] shape) throws InterruptedException {
    return call(input, shape, out -> out.stream().map(PooledModel::copy).toList());
  }

  private List<ModelOutput> call(float[] input, long[] shape, Function<NDList, List<ModelOutput>> read)
      throws InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("model " + path.getFileName() + " is closed");
    }
    Predictor<NDList, NDList> predictor = idle.take();
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray x = scope.create(input, new Shape(shape));
      NDList out = predictor.predict(new NDList(x));
      out.attach(scope);
      return read.apply(out);
    } catch (TranslateException e) {
      throw new IllegalStateException("model " + path.getFileName() + " failed on input " + new Shape(shape)
          + ": " + e.getMessage(), e);
    } finally {
      idle.add(predictor);
    }
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

  /** Releases the predictors and the native model; later calls do nothing (DJL's ONNX session refuses a second). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    all.forEach(Predictor::close);
    model.close();
  }
}
