package io.cascade4j.vision.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason an engine gave for refusing a model file, found under DJL's wrapping ("ONNX Model cannot be loaded"
 * says nothing; OnnxRuntime's own message, a few causes down, names the operator), with what to do where the reason
 * is one users meet.
 */
final class LoadFailure {
  /** OnnxRuntime: an operator no opset it knows defines, or a version of it with no kernel here. */
  private static final Pattern ONNX_UNKNOWN_OP = Pattern.compile(
      "No Op registered for (\\S+) with domain_version of (\\d+)|Could not find an implementation for (\\S+)\\((\\d+)\\)");
  /** libtorch: a TorchScript operator newer than the libtorch DJL runs. */
  private static final Pattern TORCH_UNKNOWN_OP = Pattern.compile("Unknown builtin op: (\\S+)");

  private LoadFailure() {}

  static String explain(InferenceEngine engine, Throwable failure) {
    String reason = causeChain(failure);
    Matcher onnx = ONNX_UNKNOWN_OP.matcher(reason);
    if (engine == InferenceEngine.ONNX_RUNTIME && onnx.find()) {
      if (onnx.group(3) != null) {
        // The operator exists at that version; what is missing is a kernel for the types the graph feeds it.
        return reason + " (DJL's OnnxRuntime " + OnnxModelFile.ONNX_RUNTIME + " knows operator " + onnx.group(3)
            + "(" + onnx.group(4) + ") but has no kernel for the input types this graph gives it on this device: OnnxRuntime implements "
            + "many operators for float32 only, and exports often feed them float64 (D-FINE's sine position "
            + "embedding computes Cos and Sin in float64). Make the model compute in float32 before exporting, or "
            + "export a TorchScript trace for the PyTorch engine; docs/export.md lists the combinations that load)";
      }
      return reason + " (DJL's OnnxRuntime " + OnnxModelFile.ONNX_RUNTIME + " has no operator " + onnx.group(1)
          + " at opset " + onnx.group(2) + ": export with another opset_version (at most " + OnnxModelFile.MAX_OPSET
          + "), with torch.onnx.export(..., dynamo=False), or as TorchScript for the PyTorch engine; docs/export.md "
          + "lists the combinations that load)";
    }
    Matcher torch = TORCH_UNKNOWN_OP.matcher(reason);
    if (engine == InferenceEngine.PYTORCH && torch.find()) {
      return reason + " (the file uses TorchScript operator " + torch.group(1) + ", unknown to libtorch "
          + LibtorchCheck.BUNDLED + " that DJL runs: export with torch " + LibtorchCheck.BUNDLED
          + ", or export to ONNX (opset at most " + OnnxModelFile.MAX_OPSET + ") for the OnnxRuntime engine)";
    }
    return reason;
  }

  /** Every distinct message down the cause chain, outermost first: DJL's summary, then the engine's detail. */
  private static String causeChain(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && text.indexOf(message.strip()) < 0) {
        text.append(text.isEmpty() ? "" : ": ").append(message.strip());
      }
    }
    return text.isEmpty() ? failure.getClass().getSimpleName() : text.toString();
  }
}
