package io.cascade4j.vision.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The DJL engine that runs a model file, chosen per stage: PyTorch for TorchScript, OnnxRuntime for ONNX. */
public enum InferenceEngine {
  PYTORCH("PyTorch"),
  ONNX_RUNTIME("OnnxRuntime");

  private final String djlName;

  InferenceEngine(String djlName) {
    this.djlName = djlName;
  }

  /**
   * Fails, naming the artifacts to add, when this engine is not on the class path: the stage modules depend on DJL's
   * API only and leave the engines to the application.
   *
   * @throws IOException naming the Maven coordinates of the missing engine
   */
  public void requireAvailable() throws IOException {
    if (ai.djl.engine.Engine.hasEngine(djlName)) {
      if (this == PYTORCH) {
        checkLibtorchOnce();
      }
      return;
    }
    String djl = ai.djl.engine.Engine.getDjlVersion();
    String add = switch (this) {
      case PYTORCH -> "ai.djl.pytorch:pytorch-engine:" + djl + " with its natives, ai.djl.pytorch:pytorch-jni:"
          + LIBTORCH + "-" + djl + " and ai.djl.pytorch:pytorch-native-cpu:" + LIBTORCH + " (classifier of your"
          + " platform, e.g. linux-x86_64), or the CUDA natives";
      case ONNX_RUNTIME -> "ai.djl.onnxruntime:onnxruntime-engine:" + djl;
    };
    throw new IOException("DJL's " + djlName + " engine is not on the class path, and " + (this == PYTORCH
        ? "TorchScript models" : "ONNX models") + " need it: add " + add + " to your application (README, Install)");
  }

  private static volatile @org.jspecify.annotations.Nullable String libtorch;

  /** Checks the libtorch and JNI pair once per process, before the engine starts, and logs what will be loaded. */
  private static void checkLibtorchOnce() throws IOException {
    if (libtorch == null) {
      synchronized (InferenceEngine.class) {
        if (libtorch == null) {
          libtorch = LibtorchCheck.check(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
          });
          org.slf4j.LoggerFactory.getLogger(InferenceEngine.class).info("PyTorch engine: {}; GPUs seen: {}", libtorch,
              ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount());
        }
      }
    }
  }

  /** The libtorch release DJL's PyTorch engine of this build is made for. */
  static final String LIBTORCH = "2.7.1";

  /** The name DJL's {@code Engine.getEngine} knows. */
  public String djlName() {
    return djlName;
  }

  /**
   * The engine a config asks for: {@code pytorch}, {@code onnxruntime}, or {@code auto} (by the file's extension:
   * {@code .onnx} is ONNX, {@code .pt}, {@code .pth}, {@code .torchscript} are TorchScript).
   */
  public static InferenceEngine select(String name, Path model) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "pytorch", "torchscript" -> PYTORCH;
      case "onnxruntime", "onnx" -> ONNX_RUNTIME;
      case "auto" -> {
        String file = model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".onnx")) {
          yield ONNX_RUNTIME;
        }
        if (file.endsWith(".pt") || file.endsWith(".pth") || file.endsWith(".torchscript")) {
          yield PYTORCH;
        }
        throw new IllegalArgumentException("cannot tell the engine from '" + file
            + "': name it .onnx, .pt or .torchscript, or set engine: pytorch | onnxruntime");
      }
      default -> throw new IllegalArgumentException(
          "unknown engine '" + name + "' (use auto, pytorch or onnxruntime)");
    };
  }
}
