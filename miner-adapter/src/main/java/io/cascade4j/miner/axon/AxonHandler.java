package io.cascade4j.miner.axon;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.bittensor.auth.AuthenticationException;
import io.cascade4j.bittensor.auth.EpochNanos;
import io.cascade4j.bittensor.auth.RequestAuthenticator;
import io.cascade4j.bittensor.auth.RequestHead;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.protocol.BodyHash;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.bittensor.protocol.MalformedSynapseException;
import io.cascade4j.bittensor.protocol.ReceivedSynapse;
import io.cascade4j.bittensor.protocol.SynapseHeaders;
import io.cascade4j.bittensor.protocol.SynapseJson;
import io.cascade4j.bittensor.protocol.TerminalInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One axon's request pipeline, admission before cost: route, method and declared size, headers, access control (403),
 * verification of the signature over the headers (401), rate limit (429), body hash header; only then an in-flight
 * slot (503) and the body (bounded, within the read timeout), the image and the answer. So a sender that is not a
 * permitted validator never holds a slot or makes the miner read its body, however slowly it sends.
 *
 * <table>
 *   <caption>Status codes</caption>
 *   <tr><td>200</td><td>the synapse, answered, with the axon's status in body and headers</td></tr>
 *   <tr><td>400</td><td>malformed headers, JSON or image; body hash mismatch</td></tr>
 *   <tr><td>401</td><td>unsigned, forged, stale, replayed or misaddressed</td></tr>
 *   <tr><td>403</td><td>denied, unregistered, no validator permit, stake too low</td></tr>
 *   <tr><td>404</td><td>unknown synapse name (the reference's message)</td></tr>
 *   <tr><td>405</td><td>not POST</td></tr>
 *   <tr><td>413</td><td>body or image over the limit</td></tr>
 *   <tr><td>429</td><td>the caller's rate limit</td></tr>
 *   <tr><td>431</td><td>too many headers (Jetty answers 431 itself for too many header bytes)</td></tr>
 *   <tr><td>500</td><td>{@code Internal Server Error #<uuid>}; the details go to the log only</td></tr>
 *   <tr><td>503</td><td>too many requests in flight, or shutting down</td></tr>
 * </table>
 */
final class AxonHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(AxonHandler.class);
  private static final String SYNAPSE = "Synapse";
  private static final String AVAILABLE = "['" + SYNAPSE + "', '" + ImageSynapse.NAME + "']";

  /** What the handler needs beyond its collaborators. */
  record Limits(int maxBodyBytes, int maxHeaders, java.time.Duration readTimeout) {}

  /** Closes the connection of a client that takes longer than the read timeout to send its body. */
  private static final ReadDeadlines READ_DEADLINES = new ReadDeadlines("axon-read-deadlines");

  private final String axonHotkey;
  private final Sr25519.@Nullable Keypair keypair;
  private final String axonUuid = UUID.randomUUID().toString();
  private final long version;
  private final AccessPolicy access;
  private final RequestAuthenticator authenticator;
  private final RateLimiter rateLimiter;
  private final ImageCheck images;
  private final AnswerService answers;
  private final Limits limits;
  private final InFlightShares inFlight;
  private final MinerMetrics metrics;

  AxonHandler(
      String axonHotkey,
      Sr25519.@Nullable Keypair keypair,
      long version,
      AccessPolicy access,
      RequestAuthenticator authenticator,
      RateLimiter rateLimiter,
      ImageCheck images,
      AnswerService answers,
      Limits limits,
      InFlightShares inFlight,
      MinerMetrics metrics) {
    this.axonHotkey = axonHotkey;
    this.keypair = keypair;
    this.version = version;
    this.access = access;
    this.authenticator = authenticator;
    this.rateLimiter = rateLimiter;
    this.images = images;
    this.answers = answers;
    this.limits = limits;
    this.inFlight = inFlight;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String path = request.getHttpURI().getPath();
    // The whole path names the synapse: "/ImageSynapse/extra" is no route (the reference answers it 404 too).
    String route = path == null || path.length() < 2 ? "" : path.substring(1);
    Outcome outcome;
    String caller = "unknown";
    boolean bodyRead = false;
    if (!route.equals(SYNAPSE) && !route.equals(ImageSynapse.NAME)) {
      outcome = Outcome.error(404, "unknown_route",
          "Synapse name '" + io.cascade4j.api.PeerText.quote(route, 100) + "' not found. Available synapses "
              + AVAILABLE, null);
      route = "unknown";
    } else {
      Attempt attempt = new Attempt(request, route, start);
      outcome = attempt.run();
      caller = attempt.verifiedCaller == null ? "unknown" : attempt.verifiedCaller;
      bodyRead = attempt.bodyRead;
      if (attempt.verifiedCaller != null) {
        metrics.validatorCalled();
      }
    }
    // Refused before its body was read (unknown route, bad method, 401, 403, 429, 503...): the unread body makes the
    // connection unusable, and a client that is not told so sends its next request into a connection being closed.
    send(response, callback, outcome, !bodyRead && request.getLength() != 0);
    metrics.request(route, outcome.status, caller, System.nanoTime() - start);
    if (outcome.status == 401) {
      metrics.verificationFailure(outcome.reason);
    }
    return true;
  }

  /** One request's way through the pipeline. */
  private final class Attempt {
    private final Request request;
    private final String route;
    private final long start;
    private SynapseHeaders.@Nullable Parsed headers;
    private @Nullable String verifiedCaller;
    private boolean bodyRead;

    Attempt(Request request, String route, long start) {
      this.request = request;
      this.route = route;
      this.start = start;
    }

    Outcome run() {
      try {
        return admitThenAnswer();
      } catch (Rejection r) {
        // Malformed input is worth seeing; refused callers (scanners, stale validators) would only be noise.
        if (r.status >= 500 && r.status != 503) { // 503: load, counted in the metrics, not worth a line each
          log.warn("axon {}: {} {}", axonHotkey, r.status, r.getMessage());
        } else if (r.status == 400 || r.status == 413) {
          log.info("axon {}: {} {} (from {})", axonHotkey, r.status, r.getMessage(), Request.getRemoteAddr(request));
        } else {
          log.debug("axon {}: {} {}", axonHotkey, r.status, r.getMessage());
        }
        return Outcome.error(r.status, r.reason, r.getMessage(), errorHeaders(r));
      } catch (RuntimeException e) {
        String id = UUID.randomUUID().toString();
        log.error("axon {}: Internal Server Error #{}", axonHotkey, id, e);
        return Outcome.error(500, "internal", "Internal Server Error #" + id, null);
      }
    }

    private Outcome admitThenAnswer() throws Rejection {
      if (!"POST".equals(request.getMethod())) {
        throw new Rejection(405, "method", "Method " + request.getMethod() + " not allowed; synapses are POSTed");
      }
      if (request.getHeaders().size() > limits.maxHeaders()) {
        throw new Rejection(431, "too_many_headers",
            "Too many headers: " + request.getHeaders().size() + ", at most " + limits.maxHeaders());
      }
      long declared = request.getLength();
      if (declared > limits.maxBodyBytes()) {
        throw new Rejection(413, "body_too_large",
            "Request body of " + declared + " bytes exceeds the limit of " + limits.maxBodyBytes() + " bytes");
      }
      // Admission before cost: the signature covers the headers (the body through computed_body_hash), so the caller
      // is authenticated, allowed and rate-limited before it gets an in-flight slot and before its body is read. An
      // unsigned or unknown sender, however slowly it sends, never holds a slot a validator needs.
      try {
        headers = SynapseHeaders.parse(name -> request.getHeaders().get(name));
      } catch (MalformedSynapseException e) {
        throw new Rejection(400, "bad_headers", "Improperly formatted request: " + e.getMessage());
      }
      RequestHead head = head(request);
      String caller;
      try {
        access.check(authenticator.claimedCaller(head)); // the policy is cheap, the signature is not: policy first
        caller = authenticator.verify(head);
      } catch (AuthenticationException e) {
        throw new Rejection(401, e.reason(), e.getMessage());
      }
      verifiedCaller = caller;
      rateLimiter.acquire(caller);
      String bodyHash = headers.computedBodyHash() == null ? "" : headers.computedBodyHash();

      if (!BodyHash.NO_FIELDS.equals(bodyHash)) {
        throw new Rejection(400, "hash_mismatch",
            "computed_body_hash does not match the body: expected " + BodyHash.NO_FIELDS);
      }
      InFlightShares.Slot slot = inFlight.enter(caller);
      try {
        return answer(caller, headers, readBody());
      } finally {
        slot.close();
      }
    }

    private Outcome answer(String caller, SynapseHeaders.Parsed headers, byte[] body) throws Rejection {
      ReceivedSynapse received; // the image stays in the body: decoded from there, echoed from there
      try {
        received = SynapseJson.readReceived(body);
      } catch (MalformedSynapseException e) {
        throw new Rejection(400, "bad_body", e.getMessage());
      }
      if (route.equals(SYNAPSE)) {
        return success(received.fields(), received.fields().prediction(), null);
      }
      EncodedImage image = images.decode(received);
      AnswerService.Prediction prediction = answers.predict(image, headers.timeout());
      log.debug("axon {}: {} -> {} ({}{})", axonHotkey, caller, prediction.prediction(),
          prediction.answer().decider().orElse("fallback"), prediction.cached() ? ", cached" : "");
      return success(received.fields(), prediction.prediction(), received);
    }

    /**
     * The body, read once into an array of its declared size (straight from Jetty's buffers: one copy); a body
     * without a declared length (chunked) is read up to the limit.
     */
    private byte[] readBody() throws Rejection {
      ReadDeadlines.Watch deadline = READ_DEADLINES.watch(limits.readTimeout(),
          () -> request.getConnectionMetaData().getConnection().getEndPoint().close());
      try (InputStream in = Content.Source.asInputStream(request)) {
        long declared = request.getLength(); // at most the limit: checked before admission
        byte[] body;
        if (declared >= 0) {
          body = new byte[(int) declared];
          int read = in.readNBytes(body, 0, body.length);
          if (read < body.length) {
            throw new Rejection(400, "body_unreadable",
                "the body ended after " + read + " of the " + declared + " bytes its Content-Length declared");
          }
        } else {
          body = in.readNBytes(limits.maxBodyBytes() + 1);
          if (body.length > limits.maxBodyBytes()) {
            throw new Rejection(413, "body_too_large",
                "Request body exceeds the limit of " + limits.maxBodyBytes() + " bytes");
          }
        }
        bodyRead = true;
        return body;
      } catch (IOException e) {
        throw new Rejection(400, "body_unreadable", "could not read the request body within "
            + limits.readTimeout().toMillis() + " ms: " + e.getMessage());
      } finally {
        deadline.close();
      }
    }

    /** The answered synapse; its image, for ImageSynapse, copied from the request body as it came. */
    private Outcome success(ImageSynapse fields, double prediction, @Nullable ReceivedSynapse imageFrom) {
      double seconds = (System.nanoTime() - start) / 1e9;
      ImageSynapse answered = fields.answered(prediction, fields.axon().withStatus(200, "Success", seconds));
      Map<String, String> responseHeaders = SynapseHeaders.of(answered, BodyHash.NO_FIELDS);
      ByteBuffer json = imageFrom == null
          ? ByteBuffer.wrap(SynapseJson.writeBase(answered)) : SynapseJson.write(answered, imageFrom);
      return new Outcome(200, "ok", json, responseHeaders);
    }

    /** The reference's error headers: the header-built synapse with this axon's terminal filled in and signed. */
    private @Nullable Map<String, String> errorHeaders(Rejection r) {
      SynapseHeaders.Parsed parsed = headers;
      if (parsed == null) {
        return null;
      }
      TerminalInfo claimed = parsed.axon();
      long nonce = EpochNanos.now();
      String signature = null;
      if (keypair != null) {
        String message = nonce + "." + parsed.dendrite().hotkey() + "." + claimed.hotkey() + "." + axonUuid;
        signature = "0x" + HexFormat.of().formatHex(
            Sr25519.sign(keypair, message.getBytes(StandardCharsets.UTF_8)));
      }
      TerminalInfo axon = new TerminalInfo(r.status, r.getMessage(), (System.nanoTime() - start) / 1e9,
          claimed.ip(), claimed.port(), version, nonce, axonUuid, claimed.hotkey(), signature);
      TerminalInfo dendrite = new TerminalInfo(parsed.dendrite().statusCode(), parsed.dendrite().statusMessage(),
          parsed.dendrite().processTime(), Request.getRemoteAddr(request), Request.getRemotePort(request),
          parsed.dendrite().version(), parsed.dendrite().nonce(), parsed.dendrite().uuid(),
          parsed.dendrite().hotkey(), parsed.dendrite().signature());
      ImageSynapse shell = new ImageSynapse(parsed.name() == null ? route : parsed.name(), parsed.timeout(), 0, 0,
          dendrite, axon, "", -1, "", -1.0);
      return SynapseHeaders.of(shell, parsed.computedBodyHash() == null ? "" : parsed.computedBodyHash());
    }
  }

  /** A response to send. */
  private record Outcome(int status, String reason, ByteBuffer body, @Nullable Map<String, String> headers) {
    static Outcome error(int status, String reason, String message, @Nullable Map<String, String> headers) {
      return new Outcome(status, reason, ByteBuffer.wrap(SynapseJson.message(message)), headers);
    }
  }

  private static void send(Response response, Callback callback, Outcome outcome, boolean bodyLeftUnread) {
    response.setStatus(outcome.status);
    if (outcome.headers != null) {
      outcome.headers.forEach((name, value) -> response.getHeaders().put(name, sanitize(value)));
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (bodyLeftUnread || outcome.status == 413 || outcome.status == 431 || outcome.status == 400) {
      // The body may be unread: the connection cannot be reused, and saying so stops clients from trying.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, outcome.body, callback);
  }

  /** Header values must not carry line breaks (a caller's text is echoed in error headers). */
  private static String sanitize(String value) {
    return value.length() > 1024 || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)
        ? value.replaceAll("[^\\x20-\\x7e]", "?").substring(0, Math.min(value.length(), 1024))
        : value;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "AxonHandler[%s]", axonHotkey);
  }

  /** The request's head as authentication schemes read it. */
  private static RequestHead head(Request request) {
    return new RequestHead() {
      @Override
      public String method() {
        return request.getMethod();
      }

      @Override
      public String path() {
        return request.getHttpURI().getPath();
      }

      @Override
      public @Nullable String header(String name) {
        return request.getHeaders().get(name);
      }
    };
  }
}
