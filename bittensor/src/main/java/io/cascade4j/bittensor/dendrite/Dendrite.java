package io.cascade4j.bittensor.dendrite;

import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.bittensor.protocol.BodyHash;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.bittensor.protocol.MalformedSynapseException;
import io.cascade4j.bittensor.protocol.SynapseHeaders;
import io.cascade4j.bittensor.protocol.SynapseJson;
import io.cascade4j.bittensor.protocol.TerminalInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@link ImageSynapse}s to an axon as a validator's Python dendrite does: the same body, the same headers (names,
 * order, Python's number formatting), nonce {@code time.time_ns()}, one uuid per dendrite instance, and an sr25519
 * signature over {@code nonce.dendrite_hotkey.axon_hotkey.uuid.body_hash}.
 *
 * <pre>{@code
 * Dendrite dendrite = new Dendrite(Sr25519.fromMiniSecret(seed));
 * Dendrite.Response r = dendrite.send(URI.create("http://127.0.0.1:8091"), axonHotkey,
 *     ImageSynapse.request(base64Jpeg, 9.0));
 * double prediction = r.synapse() == null ? -1 : r.synapse().prediction();
 * }</pre>
 *
 * <p>Thread-safe. Nonces increase strictly even when two requests start in the same nanosecond.
 */
public final class Dendrite {
  /** 9.12.2, the Bittensor version SN72 validators run. */
  public static final long VERSION = 9_012_002L;

  private final Sr25519.Keypair keypair;
  private final String hotkey;
  private final String uuid;
  private final HttpClient http;
  private long lastNonce;

  /** A dendrite that signs with {@code keypair}, with a fresh uuid. */
  public Dendrite(Sr25519.Keypair keypair) {
    this(keypair, UUID.randomUUID().toString());
  }

  /** A dendrite with a given uuid (the endpoint key of the axon's nonce table is {@code hotkey:uuid}). */
  public Dendrite(Sr25519.Keypair keypair, String uuid) {
    this.keypair = Objects.requireNonNull(keypair, "keypair");
    this.hotkey = Ss58.encode(keypair.publicKey(), Ss58.BITTENSOR_PREFIX);
    this.uuid = Objects.requireNonNull(uuid, "uuid");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** This dendrite's SS58 hotkey. */
  public String hotkey() {
    return hotkey;
  }

  /** This dendrite's uuid. */
  public String uuid() {
    return uuid;
  }

  /**
   * An axon's answer.
   *
   * @param status the HTTP status
   * @param synapse the synapse in a 200 response; null otherwise or if the body is malformed (the Python dendrite
   *     then reports 422)
   * @param message the {@code message} of an error body
   * @param headers the response headers (first value of each)
   * @param latency the round trip
   */
  public record Response(
      int status, @Nullable ImageSynapse synapse, @Nullable String message, Map<String, String> headers,
      Duration latency) {}

  /** The signed request a call would send, for tests that tamper with it. */
  public record Signed(Map<String, String> headers, byte[] body) {}

  /** Signs {@code synapse} for the axon whose hotkey is {@code axonHotkey} at {@code host:port}. */
  public Signed sign(ImageSynapse synapse, String axonIp, int axonPort, String axonHotkey) {
    return sign(synapse, axonIp, axonPort, axonHotkey, nextNonce(), BodyHash.NO_FIELDS);
  }

  /** Signs with a given nonce and body hash: for tests of stale, future and mismatched requests. */
  public Signed sign(
      ImageSynapse synapse, String axonIp, int axonPort, String axonHotkey, long nonce, String bodyHash) {
    String message = SynapseHeaders.signedMessage(nonce, hotkey, axonHotkey, uuid, bodyHash);
    String signature = "0x" + HexFormat.of().formatHex(
        Sr25519.sign(keypair, message.getBytes(StandardCharsets.UTF_8)));
    TerminalInfo dendrite = new TerminalInfo(null, null, null, "127.0.0.1", null, VERSION, nonce, uuid, hotkey,
        signature);
    TerminalInfo axon = new TerminalInfo(null, null, null, axonIp, axonPort, null, null, null, axonHotkey, null);
    ImageSynapse request = synapse.withTerminals(dendrite, axon);
    return new Signed(SynapseHeaders.of(request, bodyHash), SynapseJson.write(request));
  }

  /** Signs and sends; waits at most the synapse's timeout, as the Python dendrite does. */
  public Response send(URI axon, String axonHotkey, ImageSynapse synapse) throws IOException, InterruptedException {
    Signed signed = sign(synapse, axon.getHost(), axon.getPort(), axonHotkey);
    return send(axon, signed, Duration.ofMillis((long) (synapse.timeout() * 1000)));
  }

  /** Sends a request as signed (or as tampered with). */
  public Response send(URI axon, Signed signed, Duration timeout) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(axon.resolve("/" + signed.headers().get("name")))
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()))
        .header("content-type", "application/json");
    signed.headers().forEach(request::header);
    Instant start = Instant.now();
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    Duration latency = Duration.between(start, Instant.now());
    Map<String, String> headers = new java.util.TreeMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name, values.getFirst()));
    if (response.statusCode() == 200) {
      try {
        return new Response(200, SynapseJson.read(response.body()), null, headers, latency);
      } catch (MalformedSynapseException e) {
        return new Response(422, null, e.getMessage(), headers, latency);
      }
    }
    return new Response(response.statusCode(), null, SynapseJson.readMessage(response.body()), headers, latency);
  }

  private synchronized long nextNonce() {
    Instant now = Instant.now();
    long nonce = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    lastNonce = Math.max(nonce, lastNonce + 1);
    return lastNonce;
  }

  @Override
  public String toString() {
    return "Dendrite[" + hotkey + ", " + uuid + "]";
  }
}
