package io.cascade4j.bittensor.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Bittensor's {@code TerminalInfo}: one end of a call (the {@code dendrite} that sends it or the {@code axon} that
 * answers), with every field optional as in the reference. The nonce is a 19-digit integer: always a {@code long}.
 *
 * @param statusCode HTTP-like status
 * @param statusMessage its message
 * @param processTime seconds spent
 * @param ip the end's IP address
 * @param port the end's port
 * @param version Bittensor version as {@code major*1_000_000 + minor*1_000 + patch}
 * @param nonce nanoseconds since the epoch
 * @param uuid the end's instance id
 * @param hotkey the end's SS58 hotkey
 * @param signature {@code 0x} + hex of the 64-byte sr25519 signature
 */
public record TerminalInfo(
    @Nullable Integer statusCode,
    @Nullable String statusMessage,
    @Nullable Double processTime,
    @Nullable String ip,
    @Nullable Integer port,
    @Nullable Long version,
    @Nullable Long nonce,
    @Nullable String uuid,
    @Nullable String hotkey,
    @Nullable String signature) {

  /** The field names, in the reference's order; also the header suffixes. */
  static final String[] FIELDS = {
    "status_code", "status_message", "process_time", "ip", "port", "version", "nonce", "uuid", "hotkey", "signature"
  };

  /** Every field unset. */
  public static final TerminalInfo EMPTY =
      new TerminalInfo(null, null, null, null, null, null, null, null, null, null);

  /** The same terminal with a status. */
  public TerminalInfo withStatus(int code, String message, double seconds) {
    return new TerminalInfo(code, message, seconds, ip, port, version, nonce, uuid, hotkey, signature);
  }

  /** The value of a field by its wire name, null when unset. */
  @Nullable Object get(String field) {
    return switch (field) {
      case "status_code" -> statusCode;
      case "status_message" -> statusMessage;
      case "process_time" -> processTime;
      case "ip" -> ip;
      case "port" -> port;
      case "version" -> version;
      case "nonce" -> nonce;
      case "uuid" -> uuid;
      case "hotkey" -> hotkey;
      case "signature" -> signature;
      default -> throw new IllegalArgumentException("no TerminalInfo field " + field);
    };
  }
}
