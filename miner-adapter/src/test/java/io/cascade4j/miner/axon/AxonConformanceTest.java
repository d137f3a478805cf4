package io.cascade4j.miner.axon;

import static io.cascade4j.miner.axon.MinerFixture.AXON_HOTKEY;
import static io.cascade4j.miner.axon.MinerFixture.VALIDATOR;
import static io.cascade4j.miner.axon.MinerFixture.hotkey;
import static io.cascade4j.miner.axon.MinerFixture.redJpeg;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.BodyHash;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.bittensor.protocol.SynapseHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every status code the axon answers, with the reference's wording where the reference has one. */
class AxonConformanceTest {
  @TempDir static Path dir;
  static MinerFixture fixture;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    fixture = new MinerFixture(dir, Map.of("limits", Map.of("max-body-bytes", 200_000, "max-headers", 40,
        "max-header-bytes", 8192, "rate-limit", 1000)),
        "stages:\n  - {name: redness, type: test-redness, exit: always}\n");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static ImageSynapse request() {
    return ImageSynapse.request(redJpeg(200), 9.0);
  }

  private static Dendrite.Response send(Dendrite dendrite, Dendrite.Signed signed) throws Exception {
    return dendrite.send(fixture.axon, signed, Duration.ofSeconds(9));
  }

  private static Dendrite.Signed tamper(Dendrite.Signed signed, String header, String value) {
    Map<String, String> headers = new LinkedHashMap<>(signed.headers());
    if (value == null) {
      headers.remove(header);
    } else {
      headers.put(header, value);
    }
    return new Dendrite.Signed(headers, signed.body());
  }

  private static Dendrite.Signed withBody(Dendrite.Signed signed, String body) {
    return new Dendrite.Signed(signed.headers(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static Dendrite.Signed signed(Dendrite dendrite) {
    return dendrite.sign(request(), "127.0.0.1", fixture.axon.getPort(), AXON_HOTKEY);
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Test
  void aValidRequestGetsTheFullSynapseBackWithTheAxonStatus() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed signed = signed(dendrite);
    Dendrite.Response response = send(dendrite, signed);

    assertThat(response.status()).isEqualTo(200);
    ImageSynapse synapse = response.synapse();
    assertThat(synapse.prediction()).isCloseTo(200 / 255.0, org.assertj.core.data.Offset.offset(0.02));
    assertThat(synapse.axon().statusCode()).isEqualTo(200);
    assertThat(synapse.axon().statusMessage()).isEqualTo("Success");
    assertThat(synapse.axon().processTime()).isPositive();
    assertThat(synapse.dendrite().nonce()).as("19-digit nonce echoed exactly")
        .isEqualTo(Long.parseLong(signed.headers().get("bt_header_dendrite_nonce")));
    assertThat(synapse.dendrite().hotkey()).isEqualTo(hotkey(VALIDATOR));
    assertThat(response.headers())
        .containsEntry("bt_header_axon_status_code", "200")
        .containsEntry("bt_header_axon_status_message", "Success")
        .containsEntry("computed_body_hash", BodyHash.NO_FIELDS)
        .containsEntry("name", "ImageSynapse")
        .containsEntry("timeout", "9.0")
        .containsEntry("content-type", "application/json")
        .containsKey("bt_header_axon_process_time")
        .doesNotContainKey("server");
  }

  @Test
  void theEchoRouteAnswersBaseSynapses() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed signed = tamper(signed(dendrite), "name", "Synapse");
    HttpResponse<String> response = post("/Synapse", signed);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"name\":\"ImageSynapse\",\"timeout\":9.0,").doesNotContain("image");
  }

  @Test
  void unknownRoutesGetTheReferenceMessage() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(fixture.axon.resolve("/no_such_path"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo(
        "{\"message\":\"Synapse name 'no_such_path' not found. Available synapses ['Synapse', 'ImageSynapse']\"}");
    HttpResponse<String> extra = HTTP.send(HttpRequest.newBuilder(fixture.axon.resolve("/ImageSynapse/extra"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(extra.statusCode()).as("only the synapse's own path is a route").isEqualTo(404);
    assertThat(extra.body()).contains("Synapse name 'ImageSynapse/extra' not found");
    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(fixture.axon.resolve("/ImageSynapse")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void unsignedRequestsAreRejected() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Response response = send(dendrite, tamper(signed(dendrite), "bt_header_dendrite_signature", null));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message()).isEqualTo("Not Verified with error: Missing Signature");
  }

  @Test
  void requestsWithoutAHotkeyAreRejectedAsTheReferenceDoes() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Response response = send(dendrite, tamper(signed(dendrite), "bt_header_dendrite_hotkey", null));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message())
        .isEqualTo("Not Verified with error: No SS58 formatted address or public key provided.");
  }

  @Test
  void forgedSignaturesAreRejected() throws Exception {
    // A stranger signs, but claims to be the registered validator.
    Dendrite stranger = new Dendrite(MinerFixture.STRANGER);
    Dendrite.Signed forged = tamper(signed(stranger), "bt_header_dendrite_hotkey", hotkey(VALIDATOR));
    Dendrite.Response response = send(stranger, forged);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message()).startsWith("Not Verified with error: Signature mismatch with ");
    // A signature that is not even hex.
    Dendrite dendrite = new Dendrite(VALIDATOR);
    assertThat(send(dendrite, tamper(signed(dendrite), "bt_header_dendrite_signature", "0xzz")).status())
        .isEqualTo(401);
  }

  @Test
  void replayedRequestsAreRejected() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed signed = signed(dendrite);
    assertThat(send(dendrite, signed).status()).isEqualTo(200);
    Dendrite.Response replay = send(dendrite, signed);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.message())
        .isEqualTo("Not Verified with error: Nonce is too old, a newer one was last processed");
  }

  @Test
  void staleAndFutureNoncesAreRejected() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed stale = dendrite.sign(request(), "127.0.0.1", 8091, AXON_HOTKEY,
        nowNanos() - 20_000_000_000L, BodyHash.NO_FIELDS);
    Dendrite.Response response = send(dendrite, stale);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message()).matches(
        "Not Verified with error: Nonce is too old: acceptable delta is 13\\.00 seconds but request was 20\\.\\d\\d"
            + " seconds old");

    Dendrite other = new Dendrite(VALIDATOR);
    Dendrite.Signed future = other.sign(request(), "127.0.0.1", 8091, AXON_HOTKEY,
        nowNanos() + 60_000_000_000L, BodyHash.NO_FIELDS);
    Dendrite.Response ahead = send(other, future);
    assertThat(ahead.status()).isEqualTo(401);
    assertThat(ahead.message()).startsWith("Not Verified with error: Nonce is too far in the future:");
  }

  @Test
  void requestsSignedForAnotherAxonAreRejected() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    String otherMiner = hotkey(MinerFixture.STRANGER);
    Dendrite.Signed misaddressed = dendrite.sign(request(), "127.0.0.1", 8091, otherMiner);
    Dendrite.Response response = send(dendrite, misaddressed);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message()).contains("Signature mismatch with ").contains("." + AXON_HOTKEY + ".");
  }

  @Test
  void bytesWrappedSignaturesAreAcceptedAndAKeyIsThenCheckedInThatFormOnly() throws Exception {
    Dendrite dendrite = new Dendrite(MinerFixture.WALLET_SIGNER);
    for (int i = 0; i < 2; i++) {
      Dendrite.Signed signed = signed(dendrite);
      String message = SynapseHeaders.signedMessage(Long.parseLong(signed.headers().get("bt_header_dendrite_nonce")),
          dendrite.hotkey(), AXON_HOTKEY, dendrite.uuid(), BodyHash.NO_FIELDS);
      byte[] wrapped = ("<Bytes>" + message + "</Bytes>").getBytes(StandardCharsets.UTF_8);
      String signature = "0x" + HexFormat.of().formatHex(Sr25519.sign(MinerFixture.WALLET_SIGNER, wrapped));
      assertThat(send(dendrite, tamper(signed, "bt_header_dendrite_signature", signature)).status()).isEqualTo(200);
    }
    // A signer signs one way: once a key verified wrapped, only that form is checked for it (one verification per
    // forged request instead of two), so the same key's raw signature is refused.
    assertThat(send(dendrite, signed(dendrite)).status()).isEqualTo(401);
  }

  @Test
  void accessControlAnswers403WithTheReason() throws Exception {
    Map<Sr25519.Keypair, String> reasons = Map.of(
        MinerFixture.STRANGER, "is not registered on subnet 72",
        MinerFixture.NO_PERMIT, "has no validator permit",
        MinerFixture.POOR, "has stake 10.50, below the minimum 1000.00");
    for (Map.Entry<Sr25519.Keypair, String> entry : reasons.entrySet()) {
      Dendrite.Response response = fixture.call(entry.getKey(), request());
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.message()).startsWith("Forbidden. Key is blacklisted: hotkey " + hotkey(entry.getKey()))
          .contains(entry.getValue()).endsWith(".");
    }
    assertThat(fixture.call(MinerFixture.FRIEND, request()).status()).as("allow list").isEqualTo(200);
  }

  @Test
  void theBodyHashHeaderMustMatchTheBody() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed signed = dendrite.sign(request(), "127.0.0.1", 8091, AXON_HOTKEY, nowNanos(),
        BodyHash.sha3Hex("something else"));
    Dendrite.Response response = send(dendrite, signed);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.message()).startsWith("computed_body_hash does not match the body");
  }

  @Test
  void hostileBodiesGet400() throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("{\"image\": \"a\", \"image\": \"b\"}", "Duplicate field 'image'");
    bodies.put("{\"x\":" + "[".repeat(50) + "]".repeat(50) + "}", "nesting depth");
    bodies.put("{\"dendrite\": {\"nonce\": 123456789012345678901234567890}}", "'dendrite.nonce' must be an integer");
    bodies.put("{\"prediction\": 1" + "0".repeat(100) + "}", "Number value length");
    bodies.put("{\"image\": \"abc\"} trailing", "invalid JSON body");
    bodies.put("[1, 2]", "the body must be a JSON object");
    bodies.put("{\"image\": 42}", "'image' must be a string");
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      Dendrite dendrite = new Dendrite(VALIDATOR);
      Dendrite.Response response = send(dendrite, withBody(signed(dendrite), body.getKey()));
      assertThat(response.status()).as(body.getKey()).isEqualTo(400);
      assertThat(response.message()).as(body.getKey()).contains(body.getValue())
          .as("no parser internals").doesNotContain("StreamReadConstraints", "`", "com.fasterxml");
    }
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed signed = signed(dendrite);
    byte[] invalidUtf8 = {'{', '"', 'i', 'm', 'a', 'g', 'e', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
    Dendrite.Response response = send(dendrite, new Dendrite.Signed(signed.headers(), invalidUtf8));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.message()).contains("Invalid UTF-8");
  }

  @Test
  void anImageWithJsonEscapesIsReadAndEchoedAsItsValue() throws Exception {
    // The axon decodes the image where it lies in the body and echoes those bytes; JSON lets a sender escape any
    // character (a slash as backslash-slash, a letter as a unicode escape), and then the value is what counts, going
    // in and coming back.
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed signed = signed(dendrite);
    String image = request().image();
    String escaped = "\\u00" + Integer.toHexString(image.charAt(0)) + image.substring(1, 40).replace("/", "\\/")
        + image.substring(40);
    String body = new String(signed.body(), StandardCharsets.UTF_8)
        .replace("\"image\":\"" + image + "\"", "\"image\": \"" + escaped + "\"");
    assertThat(body).contains("\\u00");
    Dendrite.Response response = send(dendrite, withBody(signed, body));
    assertThat(response.status()).as(response.message()).isEqualTo(200);
    assertThat(response.synapse().image()).isEqualTo(image);
    assertThat(response.synapse().prediction()).isBetween(0.0, 1.0);
  }

  @Test
  void undecodableImagesGet400() throws Exception {
    Map<String, String> images = Map.of(
        "not base64 at all!", "image is not standard base64",
        java.util.Base64.getEncoder().encodeToString("just some text".getBytes(StandardCharsets.UTF_8)),
        "image is not a JPEG, PNG, WebP or BMP file",
        "", "the synapse has no image");
    for (Map.Entry<String, String> image : images.entrySet()) {
      Dendrite.Response response = fixture.call(VALIDATOR, ImageSynapse.request(image.getKey(), 9.0));
      assertThat(response.status()).as(image.getKey()).isEqualTo(400);
      assertThat(response.message()).startsWith(image.getValue());
    }
    byte[] header = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};
    Dendrite.Response truncated = fixture.call(VALIDATOR,
        ImageSynapse.request(java.util.Base64.getEncoder().encodeToString(header), 9.0));
    assertThat(truncated.status()).isEqualTo(400);
    assertThat(truncated.message()).startsWith("image cannot be decoded");
  }

  @Test
  void aCorruptImageWithAReadableHeaderGets400NotTheFallbackPriorAndLeavesReadinessAlone() throws Exception {
    byte[] jpeg = java.util.Base64.getDecoder().decode(redJpeg(60));
    for (int i = 0; i < jpeg.length - 1; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc4) { // a Huffman table: its code counts made absurd
        java.util.Arrays.fill(jpeg, i + 5, i + 21, (byte) 0xff);
        break;
      }
    }
    String corrupt = java.util.Base64.getEncoder().encodeToString(jpeg);
    for (int i = 0; i < 25; i++) { // more than the 20 failures in a row that would make a stage look broken
      Dendrite.Response response = fixture.call(VALIDATOR, ImageSynapse.request(corrupt, 9.0));
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.message()).startsWith("image cannot be decoded: corrupt image: Bogus Huffman table");
    }
    HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + fixture.miner.metricsPort() + "/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as("a peer's corrupt images say nothing about the stages").isEqualTo(200);
    assertThat(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(200), 9.0)).status()).isEqualTo(200);
  }

  @Test
  void imagesWhoseHeaderAnnouncesTooManyPixelsGet413BeforeAnyDecodeWebPIncluded() throws Exception {
    // A lossless WebP's header (VP8L, 14-bit sizes minus one) claiming 7000x7000 = 49 Mpx: the JDK's ImageIO, used
    // before, could not read WebP, so such files reached the stages.
    byte[] webp = new byte[40];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, webp, 0, 4);
    webp[4] = 32;
    System.arraycopy("WEBPVP8L".getBytes(StandardCharsets.US_ASCII), 0, webp, 8, 8);
    webp[16] = 19;
    webp[20] = 0x2f;
    int bits = (7000 - 1) | ((7000 - 1) << 14);
    for (int i = 0; i < 4; i++) {
      webp[21 + i] = (byte) (bits >>> (8 * i));
    }
    Dendrite.Response response = fixture.call(VALIDATOR,
        ImageSynapse.request(java.util.Base64.getEncoder().encodeToString(webp), 9.0));
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.message()).contains("7000x7000 = 49000000 pixels");
  }

  @Test
  void oversizedBodiesAndHeadersAreRefused() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Signed huge = withBody(signed(dendrite), "{\"image\": \"" + "A".repeat(300_000) + "\"}");
    Dendrite.Response tooLarge = send(dendrite, huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.message()).contains("exceeds the limit of 200000 bytes");

    Dendrite.Signed manyHeaders = signed(dendrite);
    Map<String, String> headers = new LinkedHashMap<>(manyHeaders.headers());
    for (int i = 0; i < 50; i++) {
      headers.put("x-filler-" + i, "1");
    }
    Dendrite fresh = new Dendrite(VALIDATOR); // a new connection: the server closes the one it refused a body on
    assertThat(send(fresh, new Dendrite.Signed(headers, manyHeaders.body())).status()).isEqualTo(431);

    Dendrite.Signed bigHeader = tamper(signed(dendrite), "x-big", "b".repeat(10_000));
    HttpResponse<String> response = post("/ImageSynapse", bigHeader);
    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).as("Jetty's own refusal in the axon's error shape, not an HTML page")
        .startsWith("{\"message\":\"").doesNotContain("<html", "jetty", "Jetty");
  }

  @Test
  void malformedHeadersGet400() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Response badNonce = send(dendrite, tamper(signed(dendrite), "bt_header_dendrite_nonce", "1.5e18"));
    assertThat(badNonce.status()).isEqualTo(400);
    assertThat(badNonce.message()).contains("header 'bt_header_dendrite_nonce' must be a non-negative integer");
    Dendrite.Response badTimeout = send(dendrite, tamper(signed(dendrite), "timeout", "soon"));
    assertThat(badTimeout.status()).isEqualTo(400);
  }

  @Test
  void errorResponsesCarryTheAxonStatusHeadersSignedByTheAxon() throws Exception {
    Dendrite dendrite = new Dendrite(VALIDATOR);
    Dendrite.Response response = send(dendrite, tamper(signed(dendrite), "bt_header_dendrite_signature", null));
    assertThat(response.headers())
        .containsEntry("bt_header_axon_status_code", "401")
        .containsEntry("bt_header_axon_version", "9012002")
        .containsEntry("bt_header_dendrite_hotkey", hotkey(VALIDATOR));
    String nonce = response.headers().get("bt_header_axon_nonce");
    String message = nonce + "." + hotkey(VALIDATOR) + "." + AXON_HOTKEY + "." + response.headers()
        .get("bt_header_axon_uuid");
    assertThat(Sr25519.verify(MinerFixture.AXON_KEY.publicKey(), message.getBytes(StandardCharsets.UTF_8),
        HexFormat.of().parseHex(response.headers().get("bt_header_axon_signature").substring(2)))).isTrue();
  }

  @Test
  void metricsHealthAndReadinessAreServedOnTheirOwnPort() throws Exception {
    fixture.call(VALIDATOR, request());
    URI metrics = URI.create("http://127.0.0.1:" + fixture.miner.metricsPort());
    assertThat(get(metrics.resolve("/health")).body()).isEqualTo("ok\n");
    assertThat(get(metrics.resolve("/ready")).statusCode()).isEqualTo(200);
    String scrape = get(metrics.resolve("/metrics")).body();
    assertThat(scrape)
        .contains("axon_requests_total{caller=\"" + hotkey(VALIDATOR) + "\",route=\"ImageSynapse\",status=\"200\"}")
        .contains("axon_request_latency_seconds_count")
        .contains("cascade_exits_total")
        .contains("axon_cache_requests_total");
    assertThat(get(URI.create("http://127.0.0.1:" + fixture.miner.metricsPort() + "/other")).statusCode())
        .isEqualTo(404);
    for (String line : scrape.lines().filter(l -> l.startsWith("axon_verification_failures_total")).toList()) {
      assertThat(line).matches("axon_verification_failures_total\\{reason=\"[a-z_]+\"} \\d+(\\.\\d+)?");
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, Dendrite.Signed signed) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(fixture.axon.resolve(path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
    signed.headers().forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

}
