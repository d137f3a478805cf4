package io.cascade4j.vision.model;

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
