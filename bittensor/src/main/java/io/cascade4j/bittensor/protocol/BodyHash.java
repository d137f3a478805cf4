package io.cascade4j.bittensor.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A synapse's {@code computed_body_hash}: {@code sha3_256_hex(concat(sha3_256_hex(str(field)) for each required hash
 * field))}, SHA3-256 as in FIPS 202 (not Keccak-256), lowercase hex.
 */
public final class BodyHash {
  /** The hash of a synapse without required hash fields, such as every SN72 {@code ImageSynapse}. */
  public static final String NO_FIELDS = sha3Hex("");

  private BodyHash() {}

  /** The hash over the Python {@code str()} forms of the required hash fields, in declaration order. */
  public static String of(List<String> pythonStrValues) {
    StringBuilder hashes = new StringBuilder();
    for (String value : pythonStrValues) {
      hashes.append(sha3Hex(value));
    }
    return sha3Hex(hashes.toString());
  }

  /** Lowercase hex SHA3-256 of the UTF-8 bytes of {@code text}. */
  public static String sha3Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA3-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA3-256", e);
    }
  }
}
