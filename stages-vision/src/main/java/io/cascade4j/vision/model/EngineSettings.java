package io.cascade4j.vision.model;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EngineSettingsProvider;
import io.cascade4j.api.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's process-wide engine settings, from the {@code engine:} section of a cascade or miner file, or built in code
 * ({@link #builder()}, then {@link #apply()}) before the first model loads.
 *
 * <pre>{@code
 * engine:
 *   pytorch:
 *     library-path: /opt/venv/lib/python3.12/site-packages/torch/lib   # a libtorch of your own (CUDA builds)
 *     version: 2.7.1                  # PYTORCH_VERSION; read from torch/version.py when absent
 *     flavor: cu128                   # PYTORCH_FLAVOR
 *     offline: true                   # never download natives (default true, as the distribution runs)
 *     intra-op-threads: 4             # ai.djl.pytorch.num_threads
 *     inter-op-threads: 1             # ai.djl.pytorch.num_interop_threads
 *     graph-optimizer: true           # the TorchScript profiling executor
 *     cudnn-benchmark: false
 *     cuda-streams: auto              # auto: a stream per predictor when a GPU pool has several; true | false
 *   onnxruntime:
 *     intra-op-threads: 4
 *     inter-op-threads: 1
 *     execution-provider: cpu         # cpu | cuda | tensorrt (GPU devices only)
 * }</pre>
 *
 * <p>They hold for the whole process: DJL reads them when its engines start. Settings equal to those in force are
 * accepted again (a reload of the same file); different ones after a model has loaded are refused, naming the key.
 */
public final class EngineSettings {
  private static final Logger log = LoggerFactory.getLogger(EngineSettings.class);
  private static volatile EngineSettings current = builder().build();
  private static volatile boolean modelsLoaded;

  private final Map<String, String> pytorchProperties;
  private final @Nullable Integer ortIntraOpThreads;
  private final @Nullable Integer ortInterOpThreads;
  private final String ortExecutionProvider;
  private final String cudaStreams;

  private EngineSettings(Builder b) {
    this.pytorchProperties = Map.copyOf(b.pytorch);
    this.ortIntraOpThreads = b.ortIntra;
    this.ortInterOpThreads = b.ortInter;
    this.ortExecutionProvider = b.ortProvider;
    this.cudaStreams = b.cudaStreams;
  }

  /** A builder with DJL's defaults, offline. */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings in force. */
  public static EngineSettings current() {
    return current;
  }

  /**
   * Makes these the process's settings.
   *
   * @throws IllegalStateException if a model has loaded and these differ from the settings in force
   */
  public void apply() {
    synchronized (EngineSettings.class) {
      if (equals(current)) {
        return;
      }
      if (modelsLoaded) {
        throw new IllegalStateException("engine settings hold for the whole process and a model has loaded"
            + " already; restart the process to change them (in force: " + current + ", asked: " + this + ")");
      }
      pytorchProperties.forEach(System::setProperty);
      current = this;
      log.info("engine settings: {}", this);
    }
  }

  /** Called when a model loads: from then on the settings cannot change. */
  static void modelLoaded() {
    modelsLoaded = true;
  }

  /** For tests in this package: as if no model had loaded, with DJL's defaults in force. */
  static void resetForTest() {
    synchronized (EngineSettings.class) {
      modelsLoaded = false;
      current = builder().build();
    }
  }

  /** Options for an ONNX Runtime model on {@code gpu}: threads, and TensorRT when asked for. */
  Map<String, String> onnxRuntimeOptions(boolean gpu) {
    Map<String, String> options = new LinkedHashMap<>();
    if (ortIntraOpThreads != null) {
      options.put("intraOpNumThreads", ortIntraOpThreads.toString());
    }
    if (ortInterOpThreads != null) {
      options.put("interOpNumThreads", ortInterOpThreads.toString());
    }
    if (gpu && ortExecutionProvider.equals("tensorrt")) {
      options.put("ortDevice", "TensorRT");
    }
    return options;
  }

  /** Whether a PyTorch pool on a GPU with several predictors gets a CUDA stream per predictor. */
  public boolean cudaStreamsFor(boolean gpu, int workers) {
    return switch (cudaStreams) {
      case "true" -> true;
      case "false" -> false;
      default -> gpu && workers > 1;
    };
  }

  /** The ONNX Runtime execution provider asked for: cpu, cuda or tensorrt. */
  String onnxRuntimeExecutionProvider() {
    return ortExecutionProvider;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EngineSettings e && pytorchProperties.equals(e.pytorchProperties)
        && Objects.equals(ortIntraOpThreads, e.ortIntraOpThreads) && Objects.equals(ortInterOpThreads,
        e.ortInterOpThreads) && ortExecutionProvider.equals(e.ortExecutionProvider)
        && cudaStreams.equals(e.cudaStreams);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pytorchProperties, ortIntraOpThreads, ortInterOpThreads, ortExecutionProvider, cudaStreams);
  }

  @Override
  public String toString() {
    return "pytorch " + new java.util.TreeMap<>(pytorchProperties) + ", cuda-streams " + cudaStreams
        + "; onnxruntime threads " + ortIntraOpThreads + "/" + ortInterOpThreads + ", execution provider "
        + ortExecutionProvider;
  }

  /** Builds {@link EngineSettings}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> pytorch = new LinkedHashMap<>(Map.of("ai.djl.offline", "true"));
    private @Nullable Integer ortIntra;
    private @Nullable Integer ortInter;
    private String ortProvider = "cpu";
    private String cudaStreams = "auto";

    private Builder() {}

    /** A libtorch of your own: its {@code lib} folder, version and flavour (cpu, cu128, ...). */
    public Builder libtorch(String libraryPath, @Nullable String version, @Nullable String flavor) {
      pytorch.put("PYTORCH_LIBRARY_PATH", libraryPath);
      if (version != null) {
        pytorch.put("PYTORCH_VERSION", version);
      }
      if (flavor != null) {
        pytorch.put("PYTORCH_FLAVOR", flavor);
      }
      return this;
    }

    /** Whether DJL may download natives (false: never, the default). */
    public Builder offline(boolean offline) {
      pytorch.put("ai.djl.offline", Boolean.toString(offline));
      return this;
    }

    /** PyTorch's intra-op and inter-op CPU threads (0 keeps libtorch's default). */
    public Builder pytorchThreads(int intraOp, int interOp) {
      if (intraOp > 0) {
        pytorch.put("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
      }
      if (interOp > 0) {
        pytorch.put("ai.djl.pytorch.num_interop_threads", Integer.toString(interOp));
      }
      return this;
    }

    /** The TorchScript profiling executor (on by default) and cuDNN's benchmark mode (off by default). */
    public Builder pytorchTuning(boolean graphOptimizer, boolean cudnnBenchmark) {
      pytorch.put("ai.djl.pytorch.graph_optimizer", Boolean.toString(graphOptimizer));
      pytorch.put("ai.djl.pytorch.cudnn_benchmark", Boolean.toString(cudnnBenchmark));
      return this;
    }

    /** {@code auto}, {@code true} or {@code false}. */
    public Builder cudaStreams(String mode) {
      if (!List.of("auto", "true", "false").contains(mode)) {
        throw new IllegalArgumentException("cuda-streams must be auto, true or false, got '" + mode + "'");
      }
      this.cudaStreams = mode;
      return this;
    }

    /** ONNX Runtime's threads (null keeps its default) and execution provider (cpu, cuda, tensorrt). */
    public Builder onnxRuntime(@Nullable Integer intraOp, @Nullable Integer interOp, String executionProvider) {
      if (!List.of("cpu", "cuda", "tensorrt").contains(executionProvider)) {
        throw new IllegalArgumentException("execution-provider must be cpu, cuda or tensorrt, got '"
            + executionProvider + "'");
      }
      this.ortIntra = intraOp;
      this.ortInter = interOp;
      this.ortProvider = executionProvider;
      return this;
    }

    /** The settings. */
    public EngineSettings build() {
      return new EngineSettings(this);
    }
  }

  /** The {@code pytorch} and {@code onnxruntime} sections of {@code engine:}. */
  public static final class Provider implements EngineSettingsProvider {
    @Override
    public String type() {
      return "djl";
    }

    @Override
    public List<String> sections() {
      return List.of("pytorch", "onnxruntime");
    }

    @Override
    public void apply(Settings engine) throws ConfigurationException {
      Builder b = builder();
      Settings p = engine.section("pytorch");
      p.optionalString("library-path").ifPresent(path -> b.libtorch(path, p.optionalString("version").orElse(null),
          p.optionalString("flavor").orElse(null)));
      if (p.has("offline")) {
        b.offline(p.booleanValue("offline", true));
      }
      if (p.has("intra-op-threads") || p.has("inter-op-threads")) {
        b.pytorchThreads(p.intValue("intra-op-threads", 0, 0, 1024), p.intValue("inter-op-threads", 0, 0, 1024));
      }
      if (p.has("graph-optimizer") || p.has("cudnn-benchmark")) {
        b.pytorchTuning(p.booleanValue("graph-optimizer", true), p.booleanValue("cudnn-benchmark", false));
      }
      String streams = p.string("cuda-streams", "auto");
      try {
        b.cudaStreams(streams);
      } catch (IllegalArgumentException e) {
        p.problem("cuda-streams", e.getMessage());
      }
      Settings o = engine.section("onnxruntime");
      Integer intra = o.has("intra-op-threads") ? o.intValue("intra-op-threads", 1, 1, 1024) : null;
      Integer inter = o.has("inter-op-threads") ? o.intValue("inter-op-threads", 1, 1, 1024) : null;
      String provider = o.string("execution-provider", "cpu");
      try {
        b.onnxRuntime(intra, inter, provider);
      } catch (IllegalArgumentException e) {
        o.problem("execution-provider", e.getMessage());
      }
      engine.validate();
      try {
        b.build().apply();
      } catch (IllegalStateException e) {
        engine.problem("", e.getMessage());
        engine.validate();
      }
    }
  }
}
