package io.cascade4j.bittensor.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The header form of a synapse: what a dendrite sends and an axon answers, with the reference's names ({@code name},
 * {@code timeout}, {@code bt_header_axon_*}, {@code bt_header_dendrite_*}, {@code header_size}, {@code total_size},
 * {@code computed_body_hash}) and Python's text for each value. A {@code TerminalInfo} field that is unset is not sent.
 */
public final class SynapseHeaders {
  private static final String AXON = "bt_header_axon_";
  private static final String DENDRITE = "bt_header_dendrite_";

  private SynapseHeaders() {}

  /** The headers of {@code synapse}, in the reference's order. */
  public static Map<String, String> of(ImageSynapse synapse, String computedBodyHash) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("name", synapse.name());
    headers.put("timeout", PythonText.ofDouble(synapse.timeout()));
    put(headers, AXON, synapse.axon());
    put(headers, DENDRITE, synapse.dendrite());
    headers.put("header_size", Long.toString(synapse.headerSize()));
    headers.put("total_size", Long.toString(synapse.totalSize()));
    headers.put("computed_body_hash", computedBodyHash);
    return headers;
  }

  private static void put(Map<String, String> headers, String prefix, TerminalInfo terminal) {
    for (String field : TerminalInfo.FIELDS) {
      Object value = terminal.get(field);
      if (value != null) {
        headers.put(prefix + field, value instanceof Double d ? PythonText.ofDouble(d) : value.toString());
      }
    }
  }

  /**
   * What a request's headers say: the synapse name, timeout, both terminals and the body hash.
   *
   * @param name the {@code name} header, if any
   * @param timeout seconds, {@link ImageSynapse#DEFAULT_TIMEOUT} when absent
   * @param dendrite the caller as it describes itself
   * @param axon the callee as the caller sees it
   * @param computedBodyHash the {@code computed_body_hash} header, if any
   */
  public record Parsed(
      @Nullable String name,
      double timeout,
      TerminalInfo dendrite,
      TerminalInfo axon,
      @Nullable String computedBodyHash) {}

  /**
   * Parses request headers; {@code header} looks one up by lower-case name (null when absent).
   *
   * @throws MalformedSynapseException naming the header that does not parse
   */
  public static Parsed parse(Function<String, @Nullable String> header) throws MalformedSynapseException {
    String timeoutText = header.apply("timeout");
    double timeout = ImageSynapse.DEFAULT_TIMEOUT;
    if (timeoutText != null) {
      try {
        timeout = Double.parseDouble(timeoutText.strip());
      } catch (NumberFormatException e) {
        throw new MalformedSynapseException("header 'timeout' must be a number of seconds");
      }
      if (!(timeout > 0) || Double.isInfinite(timeout)) {
        throw new MalformedSynapseException("header 'timeout' must be a positive number of seconds");
      }
    }
    for (String size : new String[] {"header_size", "total_size"}) {
      String value = header.apply(size);
      if (value != null && !value.strip().matches("\\d{1,19}")) {
        throw new MalformedSynapseException("header '" + size + "' must be an integer");
      }
    }
    return new Parsed(
        header.apply("name"),
        timeout,
        terminal(header, DENDRITE),
        terminal(header, AXON),
        header.apply("computed_body_hash"));
  }

  private static TerminalInfo terminal(Function<String, @Nullable String> header, String prefix)
      throws MalformedSynapseException {
    return new TerminalInfo(
        toInt(header, prefix + "status_code"),
        header.apply(prefix + "status_message"),
        toDouble(header, prefix + "process_time"),
        header.apply(prefix + "ip"),
        toInt(header, prefix + "port"),
        toLong(header, prefix + "version"),
        toLong(header, prefix + "nonce"),
        header.apply(prefix + "uuid"),
        header.apply(prefix + "hotkey"),
        header.apply(prefix + "signature"));
  }

  private static @Nullable Long toLong(Function<String, @Nullable String> header, String name)
      throws MalformedSynapseException {
    String value = header.apply(name);
    if (value == null) {
      return null;
    }
    String text = value.strip();
    if (!text.matches("\\d{1,19}")) {
      throw new MalformedSynapseException("header '" + name + "' must be a non-negative integer");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new MalformedSynapseException("header '" + name + "' is out of range");
    }
  }

  private static @Nullable Integer toInt(Function<String, @Nullable String> header, String name)
      throws MalformedSynapseException {
    Long value = toLong(header, name);
    if (value != null && value > Integer.MAX_VALUE) {
      throw new MalformedSynapseException("header '" + name + "' is out of range");
    }
    return value == null ? null : value.intValue();
  }

  private static @Nullable Double toDouble(Function<String, @Nullable String> header, String name)
      throws MalformedSynapseException {
    String value = header.apply(name);
    if (value == null) {
      return null;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new MalformedSynapseException("header '" + name + "' must be a number");
    }
  }

  /** The message a dendrite signs: {@code nonce.dendrite_hotkey.axon_hotkey.dendrite_uuid.body_hash}. */
  public static String signedMessage(
      long nonce, String dendriteHotkey, String axonHotkey, String dendriteUuid, String bodyHash) {
    return nonce + "." + dendriteHotkey + "." + axonHotkey + "." + dendriteUuid + "." + bodyHash;
  }
}
