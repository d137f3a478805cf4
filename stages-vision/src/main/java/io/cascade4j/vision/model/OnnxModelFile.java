package io.cascade4j.vision.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an ONNX file declares, read from its protobuf without loading it: the opsets it imports, the operators its
 * graphs use (subgraphs included) and the external data files its weights live in. OnnxRuntime's own refusal of such
 * files reaches DJL as "ONNX Model cannot be loaded"; reading these three things first lets a load error say which
 * of them is the cause and what to do.
 *
 * <p>The file is memory-mapped and walked field by field (protobuf wire format: a varint key of field number and
 * wire type, then the value); weight bytes are skipped, never read. Only the fields named below are interpreted, from
 * onnx.proto: {@code ModelProto.opset_import = 8, graph = 7}; {@code OperatorSetIdProto.domain = 1, version = 2};
 * {@code GraphProto.node = 1, initializer = 5}; {@code NodeProto.op_type = 4, attribute = 5, domain = 7}; {@code
 * AttributeProto.g = 6, graphs = 11}; {@code TensorProto.external_data = 13, data_location = 14}; {@code
 * StringStringEntryProto.key = 1, value = 2}.
 */
final class OnnxModelFile {
  /** The newest ONNX opset (default domain) that DJL 0.36's OnnxRuntime 1.21 runs. */
  static final int MAX_OPSET = 22;
  /** The OnnxRuntime release DJL 0.36's {@code onnxruntime-engine} brings. */
  static final String ONNX_RUNTIME = "1.21";

  /**
   * What the file declares.
   *
   * @param opsets imported opset version by domain ("" is the default domain, {@code ai.onnx})
   * @param operators operator types used, as {@code domain:op} for other domains
   * @param externalDataFiles the external data locations its tensors name, relative to the file's folder
   */
  record Summary(Map<String, Long> opsets, Set<String> operators, Set<String> externalDataFiles) {}

  private OnnxModelFile() {}

  /** The bytes are not an ONNX protobuf. */
  static final class MalformedOnnxException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedOnnxException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static Summary read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new IOException(file + " is larger than 2 GiB, more than one protobuf can hold: an ONNX model this big "
            + "keeps its weights in external data files");
      }
      MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      Summary summary = new Summary(new LinkedHashMap<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
      try {
        model(bytes, 0, bytes.limit(), summary);
      } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
        throw new MalformedOnnxException("not a well-formed protobuf: " + e.getMessage(), e);
      }
      return summary;
    }
  }

  /**
   * Why OnnxRuntime {@value #ONNX_RUNTIME} will refuse {@code file}, each reason with what to do; empty when the file
   * shows none of the known causes.
   */
  static List<String> knownProblems(Path file) throws IOException {
    Summary s;
    try {
      s = read(file);
    } catch (MalformedOnnxException e) {
      return List.of("it is not an ONNX model (" + e.getMessage() + ")");
    }
    List<String> problems = new ArrayList<>();
    long opset = s.opsets().getOrDefault("", s.opsets().getOrDefault("ai.onnx", 0L));
    if (opset > MAX_OPSET) {
      problems.add("it uses ONNX opset " + opset + ", and DJL's OnnxRuntime " + ONNX_RUNTIME + " runs opsets up to "
          + MAX_OPSET + ": export again with opset_version=" + MAX_OPSET
          + " (torch.onnx.export(..., opset_version=" + MAX_OPSET + "))");
    }
    Path folder = file.toAbsolutePath().getParent();
    for (String location : s.externalDataFiles()) {
      Path data = folder.resolve(location);
      if (!Files.isRegularFile(data)) {
        problems.add("its weights are in the external data file '" + location + "', which is not at " + data
            + ": copy the data file with the .onnx and keep the name the graph gives it (torch's exporter writes it "
            + "beside the .onnx; renaming the .onnx does not rename the reference)");
      }
    }
    return problems;
  }

  // -------------------------------------------------------------------------------------- protobuf wire format

  /** One field of a message: its number, wire type, and where its value is (or the value, for a varint). */
  @FunctionalInterface
  private interface Field {
    void visit(int number, int wire, int start, int length, long varint);
  }

  /** Visits every field of the message in {@code [from, to)}; nested messages are visited by the callers. */
  private static void fields(ByteBuffer b, int from, int to, Field visitor) {
    for (int p = from; p < to; ) {
      long key = varint(b, p);
      p += varintLength(b, p);
      int number = (int) (key >>> 3);
      int wire = (int) (key & 7);
      switch (wire) {
        case 0 -> {
          visitor.visit(number, wire, p, 0, varint(b, p));
          p += varintLength(b, p);
        }
        case 1 -> {
          visitor.visit(number, wire, p, 8, 0);
          p += 8;
        }
        case 2 -> {
          int length = Math.toIntExact(varint(b, p));
          p += varintLength(b, p);
          if (length < 0 || p + length > to) {
            throw new IllegalArgumentException("field " + number + " runs past its message at byte " + p);
          }
          visitor.visit(number, wire, p, length, 0);
          p += length;
        }
        case 5 -> {
          visitor.visit(number, wire, p, 4, 0);
          p += 4;
        }
        default -> throw new IllegalArgumentException("wire type " + wire + " at byte " + p);
      }
    }
  }

  private static void model(ByteBuffer b, int from, int to, Summary s) {
    fields(b, from, to, (number, wire, start, length, varint) -> {
      if (wire == 2 && number == 8) {
        opset(b, start, start + length, s);
      } else if (wire == 2 && number == 7) {
        graph(b, start, start + length, s);
      }
    });
  }

  private static void opset(ByteBuffer b, int from, int to, Summary s) {
    String[] domain = {""};
    long[] version = {0};
    fields(b, from, to, (number, wire, start, length, varint) -> {
      if (wire == 2 && number == 1) {
        domain[0] = string(b, start, length);
      } else if (wire == 0 && number == 2) {
        version[0] = varint;
      }
    });
    s.opsets().merge(domain[0], version[0], Math::max);
  }

  private static void graph(ByteBuffer b, int from, int to, Summary s) {
    fields(b, from, to, (number, wire, start, length, varint) -> {
      if (wire == 2 && number == 1) {
        node(b, start, start + length, s);
      } else if (wire == 2 && number == 5) {
        tensor(b, start, start + length, s);
      }
    });
  }

  private static void node(ByteBuffer b, int from, int to, Summary s) {
    String[] opAndDomain = {"", ""};
    fields(b, from, to, (number, wire, start, length, varint) -> {
      if (wire == 2 && number == 4) {
        opAndDomain[0] = string(b, start, length);
      } else if (wire == 2 && number == 7) {
        opAndDomain[1] = string(b, start, length);
      } else if (wire == 2 && number == 5) {
        attribute(b, start, start + length, s);
      }
    });
    String domain = opAndDomain[1];
    s.operators().add(domain.isEmpty() || domain.equals("ai.onnx") ? opAndDomain[0] : domain + ":" + opAndDomain[0]);
  }

  /** A node attribute: only its subgraphs matter (If, Loop, Scan), as {@code g} or {@code graphs}. */
  private static void attribute(ByteBuffer b, int from, int to, Summary s) {
    fields(b, from, to, (number, wire, start, length, varint) -> {
      if (wire == 2 && (number == 6 || number == 11)) {
        graph(b, start, start + length, s);
      }
    });
  }

  private static void tensor(ByteBuffer b, int from, int to, Summary s) {
    boolean[] external = {false};
    String[] location = {null};
    fields(b, from, to, (number, wire, start, length, varint) -> {
      if (wire == 0 && number == 14) {
        external[0] = varint == 1; // DataLocation.EXTERNAL
      } else if (wire == 2 && number == 13) {
        String[] kv = {"", ""};
        fields(b, start, start + length, (n, w, st, len, v) -> {
          if (w == 2 && (n == 1 || n == 2)) {
            kv[n - 1] = string(b, st, len);
          }
        });
        if (kv[0].equals("location")) {
          location[0] = kv[1];
        }
      }
    });
    if (external[0] && location[0] != null) {
      s.externalDataFiles().add(location[0]);
    }
  }

  private static long varint(ByteBuffer b, int p) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int next = b.get(p++) & 0xFF;
      value |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("a varint longer than 10 bytes");
  }

  private static int varintLength(ByteBuffer b, int p) {
    int n = 1;
    while ((b.get(p + n - 1) & 0x80) != 0) {
      n++;
      if (n > 10) {
        throw new IllegalArgumentException("a varint longer than 10 bytes");
      }
    }
    return n;
  }

  private static String string(ByteBuffer b, int p, int length) {
    byte[] bytes = new byte[length];
    b.get(p, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
