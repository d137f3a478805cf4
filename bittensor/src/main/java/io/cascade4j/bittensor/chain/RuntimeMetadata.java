package io.cascade4j.bittensor.chain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runtime metadata v14 or v15, parsed far enough for a client that must not guess: the type registry, the pallets
 * (name, index, call type), the signed extensions and, in v15, the runtime APIs. Storage, events, constants and
 * errors are read past but not kept. Other versions are refused.
 *
 * @param version 14 or 15
 * @param types the portable type registry, by id
 * @param pallets by name
 * @param extensions the signed (transaction) extensions, in order
 * @param apis runtime API methods by {@code Api_method} (v15 only)
 */
public record RuntimeMetadata(
    int version,
    Map<Integer, Type> types,
    Map<String, Pallet> pallets,
    List<Extension> extensions,
    Map<String, ApiMethod> apis) {

  /** A type of the registry. */
  public record Type(List<String> path, Def def) {}

  /** A type's definition. */
  public sealed interface Def {}

  /** A struct. */
  public record Composite(List<Field> fields) implements Def {}

  /** An enum. */
  public record Variants(List<Variant> variants) implements Def {}

  /** {@code Vec<T>}. */
  public record Sequence(int element) implements Def {}

  /** {@code [T; n]}. */
  public record Array(long length, int element) implements Def {}

  /** A tuple. */
  public record Tuple(List<Integer> elements) implements Def {}

  /** A primitive, by its index in scale-info's list (bool, char, str, u8, u16, u32, u64, u128, u256, i8...). */
  public record Primitive(String name) implements Def {}

  /** {@code Compact<T>}. */
  public record Compact(int of) implements Def {}

  /** A bit sequence. */
  public record BitSequence(int store, int order) implements Def {}

  /** A field of a struct or variant. */
  public record Field(@Nullable String name, int type) {}

  /** An enum variant. */
  public record Variant(String name, int index, List<Field> fields) {}

  /** A pallet. */
  public record Pallet(String name, int index, @Nullable Integer callType) {}

  /** A signed extension: the type of its explicit bytes and of its implicit (signed-only) bytes. */
  public record Extension(String identifier, int type, int implicitType) {}

  /** A runtime API method. */
  public record ApiMethod(String name, List<Field> inputs, int output) {}

  private static final String[] PRIMITIVES = {
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "u256", "i8", "i16", "i32", "i64", "i128", "i256"
  };

  /** The type with {@code id}. */
  public Type type(int id) {
    Type type = types.get(id);
    if (type == null) {
      throw new ScaleException("metadata has no type " + id);
    }
    return type;
  }

  /** The first type whose path ends with {@code name}. */
  public Optional<Type> typeNamed(String name) {
    return types.values().stream().filter(t -> !t.path().isEmpty() && t.path().getLast().equals(name)).findFirst();
  }

  /**
   * Parses metadata bytes: {@code "meta"}, a version byte, then the v14 or v15 structure. {@code Option<OpaqueMetadata>}
   * as {@code Metadata_metadata_at_version} returns it is unwrapped first.
   *
   * @throws ScaleException if the bytes are not metadata v14/v15 or do not decode completely
   */
  public static RuntimeMetadata parse(byte[] bytes) {
    ScaleReader r = new ScaleReader(bytes);
    if (!(bytes.length > 4 && bytes[0] == 'm' && bytes[1] == 'e' && bytes[2] == 't' && bytes[3] == 'a')) {
      // Option<OpaqueMetadata>: Some, then Vec<u8>.
      if (!r.option()) {
        throw new ScaleException("the node has no metadata at the requested version");
      }
      byte[] inner = r.byteVector();
      r.expectEnd("Option<OpaqueMetadata>");
      return parse(inner);
    }
    r.bytes(4);
    int version = r.u8();
    if (version != 14 && version != 15) {
      throw new ScaleException("metadata v" + version + " is not supported (v14 and v15 are); refusing to guess");
    }
    Map<Integer, Type> types = new HashMap<>();
    int count = r.length();
    for (int i = 0; i < count; i++) {
      int id = r.compactInt();
      types.put(id, readType(r));
    }
    Map<String, Pallet> pallets = new HashMap<>();
    int palletCount = r.length();
    for (int i = 0; i < palletCount; i++) {
      Pallet pallet = readPallet(r, version);
      pallets.put(pallet.name(), pallet);
    }
    List<Extension> extensions = new ArrayList<>();
    if (version == 14) {
      r.compactInt(); // extrinsic type
      r.u8(); // extrinsic version
    } else {
      r.u8(); // version
      r.compactInt(); // address type
      r.compactInt(); // call type
      r.compactInt(); // signature type
      r.compactInt(); // extra type
    }
    int extensionCount = r.length();
    for (int i = 0; i < extensionCount; i++) {
      extensions.add(new Extension(string(r), r.compactInt(), r.compactInt()));
    }
    r.compactInt(); // runtime type
    Map<String, ApiMethod> apis = new HashMap<>();
    if (version == 15) {
      int apiCount = r.length();
      for (int i = 0; i < apiCount; i++) {
        String api = string(r);
        int methods = r.length();
        for (int m = 0; m < methods; m++) {
          String name = string(r);
          List<Field> inputs = new ArrayList<>();
          int inputCount = r.length();
          for (int k = 0; k < inputCount; k++) {
            inputs.add(new Field(string(r), r.compactInt()));
          }
          int output = r.compactInt();
          docs(r);
          apis.put(api + "_" + name, new ApiMethod(name, inputs, output));
        }
        docs(r);
      }
      r.compactInt(); // outer call enum
      r.compactInt(); // outer event enum
      r.compactInt(); // outer error enum
      int custom = r.length();
      for (int i = 0; i < custom; i++) {
        string(r);
        r.compactInt();
        r.byteVector();
      }
    }
    r.expectEnd("metadata v" + version);
    return new RuntimeMetadata(version, Map.copyOf(types), Map.copyOf(pallets), List.copyOf(extensions),
        Map.copyOf(apis));
  }

  private static Type readType(ScaleReader r) {
    List<String> path = r.vector(RuntimeMetadata::string);
    int params = r.length();
    for (int i = 0; i < params; i++) {
      string(r);
      if (r.option()) {
        r.compactInt();
      }
    }
    Def def = switch (r.u8()) {
      case 0 -> new Composite(fields(r));
      case 1 -> {
        List<Variant> variants = new ArrayList<>();
        int n = r.length();
        for (int i = 0; i < n; i++) {
          String name = string(r);
          List<Field> fields = fields(r);
          int index = r.u8();
          docs(r);
          variants.add(new Variant(name, index, fields));
        }
        yield new Variants(variants);
      }
      case 2 -> new Sequence(r.compactInt());
      case 3 -> new Array(r.u32(), r.compactInt());
      case 4 -> new Tuple(r.vector(ScaleReader::compactInt));
      case 5 -> {
        int p = r.u8();
        if (p >= PRIMITIVES.length) {
          throw new ScaleException("unknown primitive " + p);
        }
        yield new Primitive(PRIMITIVES[p]);
      }
      case 6 -> new Compact(r.compactInt());
      case 7 -> new BitSequence(r.compactInt(), r.compactInt());
      default -> throw new ScaleException("unknown type definition at offset " + (r.offset() - 1));
    };
    docs(r);
    return new Type(path, def);
  }

  private static List<Field> fields(ScaleReader r) {
    List<Field> fields = new ArrayList<>();
    int n = r.length();
    for (int i = 0; i < n; i++) {
      String name = r.option() ? string(r) : null;
      int type = r.compactInt();
      if (r.option()) {
        string(r); // type name
      }
      docs(r);
      fields.add(new Field(name, type));
    }
    return fields;
  }

  private static Pallet readPallet(ScaleReader r, int version) {
    String name = string(r);
    if (r.option()) { // storage
      string(r); // prefix
      int entries = r.length();
      for (int i = 0; i < entries; i++) {
        string(r);
        r.u8(); // modifier
        if (r.u8() == 0) {
          r.compactInt(); // plain
        } else {
          r.skipVector(ScaleReader::u8); // hashers
          r.compactInt(); // key
          r.compactInt(); // value
        }
        r.byteVector(); // default
        docs(r);
      }
    }
    Integer calls = r.option() ? r.compactInt() : null;
    if (r.option()) {
      r.compactInt(); // event
    }
    int constants = r.length();
    for (int i = 0; i < constants; i++) {
      string(r);
      r.compactInt();
      r.byteVector();
      docs(r);
    }
    if (r.option()) {
      r.compactInt(); // error
    }
    int index = r.u8();
    if (version == 15) {
      docs(r);
    }
    return new Pallet(name, index, calls);
  }

  private static String string(ScaleReader r) {
    return new String(r.byteVector(), StandardCharsets.UTF_8);
  }

  private static void docs(ScaleReader r) {
    r.skipVector(RuntimeMetadata::string);
  }
}
