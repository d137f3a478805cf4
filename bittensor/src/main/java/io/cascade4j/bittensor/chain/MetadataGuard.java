package io.cascade4j.bittensor.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fails closed when the live runtime is not the one this client was written for. It checks, against the runtime's own
 * metadata, everything the client encodes or decodes by hand:
 *
 * <ul>
 *   <li>{@code SubtensorModule} is pallet 7 and {@code serve_axon} its call 4 with the eight known arguments;
 *   <li>the signed extensions that carry bytes are exactly the known ones, in the known order, with the known types
 *       (any new extension must be zero-sized, as every Subtensor extension so far has been);
 *   <li>with v15 metadata: the runtime APIs take the known inputs, and {@code NeuronInfoLite}, {@code AxonInfo} and
 *       every field of {@code SelectiveMetagraph} have the layouts the decoders read.
 * </ul>
 *
 * Shapes compare structure, not names: a struct is {@code {a,b}}, a one-field struct (a newtype such as {@code NetUid}
 * or {@code AccountId32}) is its field, {@code Option<T>} is {@code option<T>}.
 */
public final class MetadataGuard {
  /** The extensions whose explicit bytes this client writes, in order. */
  static final List<String> EXPLICIT = List.of("CheckMortality", "CheckNonce", "ChargeTransactionPayment",
      "CheckMetadataHash");
  /** The extensions whose implicit (signed-only) bytes this client writes, in order. */
  static final List<String> IMPLICIT = List.of("CheckSpecVersion", "CheckTxVersion", "CheckGenesis", "CheckMortality",
      "CheckMetadataHash");
  private static final Map<String, String> EXPLICIT_SHAPES = Map.of(
      "CheckMortality", "Era", "CheckNonce", "compact<u32>", "ChargeTransactionPayment", "compact<u64>",
      "CheckMetadataHash", "Mode");
  private static final Map<String, String> IMPLICIT_SHAPES = Map.of(
      "CheckSpecVersion", "u32", "CheckTxVersion", "u32", "CheckGenesis", "[u8;32]", "CheckMortality", "[u8;32]",
      "CheckMetadataHash", "option<[u8;32]>");
  static final String SERVE_AXON = "{u16,u32,u128,u16,u8,u8,u8,u8}";
  static final String AXON_INFO = "{u64,u32,u128,u16,u8,u8,u8,u8}";
  static final String NEURON_INFO_LITE = "{[u8;32],[u8;32],compact<u16>,compact<u16>,bool," + AXON_INFO
      + ",{u64,u32,u128,u16,u8},vec<([u8;32],compact<u64>)>,compact<u16>,compact<u64>,compact<u16>,compact<u16>,"
      + "compact<u16>,compact<u16>,compact<u16>,compact<u64>,bool,compact<u16>}";

  private final RuntimeMetadata metadata;
  private final List<String> problems = new ArrayList<>();

  private MetadataGuard(RuntimeMetadata metadata) {
    this.metadata = metadata;
  }

  /**
   * Checks {@code metadata}.
   *
   * @throws ChainException listing every difference; signing or decoding for such a runtime would be a guess
   */
  public static void check(RuntimeMetadata metadata) throws ChainException {
    MetadataGuard guard = new MetadataGuard(metadata);
    guard.checkServeAxon();
    guard.checkExtensions();
    if (metadata.version() >= 15) {
      guard.checkRuntimeApis();
    }
    if (!guard.problems.isEmpty()) {
      throw new ChainException("the runtime differs from what this client knows, so it refuses to go on:\n  "
          + String.join("\n  ", guard.problems));
    }
  }

  private void checkServeAxon() {
    RuntimeMetadata.Pallet pallet = metadata.pallets().get("SubtensorModule");
    if (pallet == null) {
      problems.add("no SubtensorModule pallet");
      return;
    }
    if (pallet.index() != ServeAxon.PALLET) {
      problems.add("SubtensorModule is pallet " + pallet.index() + ", not " + ServeAxon.PALLET);
    }
    if (pallet.callType() == null
        || !(metadata.type(pallet.callType()).def() instanceof RuntimeMetadata.Variants calls)) {
      problems.add("SubtensorModule has no calls");
      return;
    }
    RuntimeMetadata.Variant serve = calls.variants().stream().filter(v -> v.name().equals("serve_axon")).findFirst()
        .orElse(null);
    if (serve == null) {
      problems.add("SubtensorModule has no serve_axon call");
      return;
    }
    if (serve.index() != ServeAxon.CALL) {
      problems.add("serve_axon is call " + serve.index() + ", not " + ServeAxon.CALL);
    }
    String shape = "{" + serve.fields().stream().map(f -> shape(f.type(), 0)).collect(Collectors.joining(",")) + "}";
    expect("serve_axon arguments", shape, SERVE_AXON);
  }

  private void checkExtensions() {
    List<String> explicit = new ArrayList<>();
    List<String> implicit = new ArrayList<>();
    for (RuntimeMetadata.Extension extension : metadata.extensions()) {
      String explicitShape = shape(extension.type(), 0);
      String implicitShape = shape(extension.implicitType(), 0);
      if (!isEmpty(explicitShape)) {
        explicit.add(extension.identifier());
        String expected = EXPLICIT_SHAPES.get(extension.identifier());
        if (expected == null) {
          problems.add("unknown extension " + extension.identifier() + " carries data (" + explicitShape + ")");
        } else {
          expect(extension.identifier() + " bytes", explicitShape, expected);
        }
      }
      if (!isEmpty(implicitShape)) {
        implicit.add(extension.identifier());
        String expected = IMPLICIT_SHAPES.get(extension.identifier());
        if (expected == null) {
          problems.add("unknown extension " + extension.identifier() + " signs extra data (" + implicitShape + ")");
        } else {
          expect(extension.identifier() + " signed data", implicitShape, expected);
        }
      }
    }
    expect("extensions with bytes", explicit.toString(), EXPLICIT.toString());
    expect("extensions with signed data", implicit.toString(), IMPLICIT.toString());
  }

  private void checkRuntimeApis() {
    api("NeuronInfoRuntimeApi_get_neurons_lite", "[u16]", "vec<" + NEURON_INFO_LITE + ">");
    StringBuilder selective = new StringBuilder("option<{compact<u16>");
    for (int i = 1; i < SelectiveMetagraph.FIELDS; i++) {
      selective.append(",option<").append(SelectiveMetagraph.shape(i)).append(">");
    }
    api("SubnetInfoRuntimeApi_get_selective_mechagraph", "[u16, u8, vec<u16>]", selective.append("}>").toString());
  }

  private void api(String name, String inputs, String output) {
    RuntimeMetadata.ApiMethod method = metadata.apis().get(name);
    if (method == null) {
      problems.add("no runtime API " + name);
      return;
    }
    expect(name + " inputs", method.inputs().stream().map(f -> shape(f.type(), 0)).toList().toString(), inputs);
    expect(name + " output", shape(method.output(), 0), output);
  }

  private void expect(String what, String actual, String expected) {
    if (!actual.equals(expected)) {
      problems.add(what + ": expected " + expected + ", found " + actual);
    }
  }

  private static boolean isEmpty(String shape) {
    return shape.equals("{}") || shape.equals("()");
  }

  /** A canonical, name-free description of how a type is encoded. */
  String shape(int id, int depth) {
    if (depth > 32) {
      return "...";
    }
    RuntimeMetadata.Type type = metadata.type(id);
    return switch (type.def()) {
      case RuntimeMetadata.Primitive p -> p.name();
      case RuntimeMetadata.Compact c -> "compact<" + shape(c.of(), depth + 1) + ">";
      case RuntimeMetadata.Sequence s -> "vec<" + shape(s.element(), depth + 1) + ">";
      case RuntimeMetadata.Array a -> "[" + shape(a.element(), depth + 1) + ";" + a.length() + "]";
      case RuntimeMetadata.Tuple t ->
          t.elements().size() == 1 ? shape(t.elements().getFirst(), depth + 1)
              : "(" + t.elements().stream().map(e -> shape(e, depth + 1)).collect(Collectors.joining(",")) + ")";
      case RuntimeMetadata.Composite c ->
          c.fields().size() == 1 ? shape(c.fields().getFirst().type(), depth + 1)
              : "{" + c.fields().stream().map(f -> shape(f.type(), depth + 1)).collect(Collectors.joining(",")) + "}";
      case RuntimeMetadata.Variants v -> {
        String name = type.path().isEmpty() ? "enum" : type.path().getLast();
        if (name.equals("Option") && v.variants().size() == 2 && v.variants().get(1).fields().size() == 1) {
          yield "option<" + shape(v.variants().get(1).fields().getFirst().type(), depth + 1) + ">";
        }
        yield name;
      }
      case RuntimeMetadata.BitSequence b -> "bits";
    };
  }
}
