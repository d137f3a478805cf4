package io.cascade4j.bittensor.chain;

import io.cascade4j.bittensor.crypto.Ss58;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Subtensor's {@code SelectiveMetagraph} ({@code pallets/subtensor/src/rpc_info/metagraph.rs}, freeze_struct
 * 5f9c8beab622882c): {@code netuid}, then 73 optional fields selected by index. Every field is decoded (so that a
 * changed layout shows as bytes left over); the ones a miner uses are kept.
 *
 * @param netuid the subnet
 * @param values the kept fields by index: strings, numbers, SS58 lists, long arrays, boolean lists
 */
public record SelectiveMetagraph(int netuid, Map<Integer, Object> values) {
  /** Every field index: what the recorded sync asks for. */
  public static final int FIELDS = 74;

  /** The field indexes of the values kept. */
  public static final int NAME = 1;
  public static final int SYMBOL = 2;
  public static final int OWNER_HOTKEY = 5;
  public static final int BLOCK = 7;
  public static final int TEMPO = 8;
  public static final int NUM_UIDS = 30;
  public static final int MAX_UIDS = 31;
  public static final int IMMUNITY_PERIOD = 36;
  public static final int SERVING_RATE_LIMIT = 45;
  public static final int HOTKEYS = 52;
  public static final int VALIDATOR_PERMIT = 57;
  public static final int LAST_UPDATE = 59;
  public static final int ALPHA_STAKE = 67;
  public static final int TAO_STAKE = 68;
  public static final int TOTAL_STAKE = 69;
  public static final int VALIDATORS = 72;

  /** A kept value, or null if it was not selected. */
  public @Nullable Object get(int index) {
    return values.get(index);
  }

  /** A kept vector of u64 values (stakes, last updates), or null if not selected. */
  public long @Nullable [] longs(int index) {
    return (long[]) values.get(index);
  }

  /** Decodes {@code Option<SelectiveMetagraph>}; empty when the subnet does not exist. */
  static @Nullable SelectiveMetagraph readOption(ScaleReader r) {
    if (!r.option()) {
      return null;
    }
    int netuid = r.compactInt();
    Map<Integer, Object> values = new HashMap<>();
    for (int index = 1; index < FIELDS; index++) {
      if (r.option()) {
        Object value = readField(index, r);
        if (value != null) {
          values.put(index, value);
        }
      }
    }
    return new SelectiveMetagraph(netuid, values);
  }

  private static @Nullable Object readField(int index, ScaleReader r) {
    switch (index) {
      case 1, 2 -> {
        int length = r.length();
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
          text[i] = (byte) r.compactInt();
        }
        return new String(text, StandardCharsets.UTF_8);
      }
      case 3 -> {
        if (r.option()) {
          for (int i = 0; i < 8; i++) {
            r.byteVector();
          }
        }
        return null;
      }
      case 5, 6 -> {
        return Ss58.encode(r.accountId(), Ss58.BITTENSOR_PREFIX);
      }
      case 20 -> {
        return r.compact();
      }
      case 21 -> {
        r.bytes(16); // moving_price, I96F32
        return null;
      }
      case 34, 35, 46, 48 -> {
        return r.bool();
      }
      case 52, 53 -> {
        return r.vector(reader -> Ss58.encode(reader.accountId(), Ss58.BITTENSOR_PREFIX));
      }
      case 54 -> {
        r.skipVector(reader -> {
          if (reader.option()) {
            for (int i = 0; i < 7; i++) {
              reader.byteVector();
            }
          }
          return null;
        });
        return null;
      }
      case 55 -> {
        return r.vector(AxonInfo::read);
      }
      case 56, 57 -> {
        return r.vector(ScaleReader::bool);
      }
      case 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 72 -> {
        int length = r.length();
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
          out[i] = r.compactLong();
        }
        return out;
      }
      case 70, 71 -> {
        r.skipVector(reader -> {
          reader.accountId();
          return reader.compactLong();
        });
        return null;
      }
      case 73 -> {
        r.skipVector(reader -> {
          reader.accountId();
          reader.skipVector(ScaleReader::compactLong);
          return null;
        });
        return null;
      }
      default -> {
        // Every remaining field (4, 7..19, 22..33, 36..45, 47, 49..51) is one compact integer.
        return r.compactLong();
      }
    }
  }

  /**
   * The layout {@link #readOption} decodes for field {@code index} (1 to 73), in {@link MetadataGuard}'s shape
   * notation, so that the guard checks the decoder against the runtime's metadata.
   */
  static String shape(int index) {
    return switch (index) {
      case 1, 2 -> "vec<compact<u8>>";
      case 3 -> "option<{vec<u8>,vec<u8>,vec<u8>,vec<u8>,vec<u8>,vec<u8>,vec<u8>,vec<u8>}>";
      case 5, 6 -> "[u8;32]";
      case 8, 22, 23, 24, 25, 28, 29, 30, 31, 36, 42, 43, 44, 49, 50 -> "compact<u16>"; // 28: activity_cutoff is u16
      case 20 -> "compact<u128>";
      case 21 -> "i128";
      case 34, 35, 46, 48 -> "bool";
      case 52, 53 -> "vec<[u8;32]>";
      case 54 -> "vec<option<{vec<u8>,vec<u8>,vec<u8>,vec<u8>,vec<u8>,vec<u8>,vec<u8>}>>";
      case 55 -> "vec<" + MetadataGuard.AXON_INFO + ">";
      case 56, 57 -> "vec<bool>";
      case 58, 61, 62, 63, 64, 65, 72 -> "vec<compact<u16>>";
      case 59, 60, 66, 67, 68, 69 -> "vec<compact<u64>>";
      case 70, 71 -> "vec<([u8;32],compact<u64>)>";
      case 73 -> "vec<([u8;32],vec<compact<u8>>)>";
      default -> "compact<u64>";
    };
  }

  /** The selection that asks for every field, as the recorded sync does. */
  public static List<Integer> allFields() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < FIELDS; i++) {
      all.add(i);
    }
    return all;
  }
}
