package io.cascade4j.miner.axon;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.StageHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The miner's own meters, beside the cascade's ({@link io.cascade4j.core.metrics.MicrometerCascadeListener}): the
 * JVM and process, what was built, requests in flight, the time since a permitted validator last called, every
 * stage's breaker state, and the axon's requests. docs/metrics.md lists every series.
 */
final class MinerMetrics {
  /** Request-latency buckets: an answer is due within the validator's timeout (12 s by default). */
  static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(8),
      Duration.ofSeconds(12)};

  private final MeterRegistry meters;
  private final ValidatorSilence silence;
  private final Set<String> breakerGauges = ConcurrentHashMap.newKeySet();
  final Counter reloadFailures;
  final Counter metagraphRefreshFailures;

  MinerMetrics(MeterRegistry meters, ValidatorSilence silence) {
    this.silence = silence;
    this.meters = meters;
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ClassLoaderMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);
    new FileDescriptorMetrics().bindTo(meters);
    Gauge.builder("build.info", () -> 1)
        .description("What this miner was built from: version, Java, and the engine versions on its class path")
        .tags(Tags.of("version", version(Miner.class), "commit", commit(Miner.class),
            "java", Runtime.version().toString(),
            "djl", versionOf("ai.djl.engine.Engine"), "opencv", versionOf("org.bytedeco.opencv.global.opencv_core"),
            "jetty", versionOf("org.eclipse.jetty.server.Server")))
        .register(meters);
    Gauge.builder("miner.validator.request.age", silence::secondsSince)
        .description("Seconds since a permitted validator's request last passed the signature check (since start"
            + " when none has yet); a miner nobody calls is a miner that earns nothing")
        .baseUnit("seconds").register(meters);
    reloadFailures = Counter.builder("miner.reload.failures")
        .description("Cascade files that changed but were refused (the last good cascade kept serving)")
        .register(meters);
    VERIFICATION_REASONS.forEach(this::verificationFailures); // at zero, so an alert on their rate works at once
    metagraphRefreshFailures = Counter.builder("miner.metagraph.refresh.failures")
        .description("Metagraph reads from the chain or the snapshot file that failed (the last good one kept)")
        .register(meters);
  }

  /** Requests being answered now, all axons together, against their shared limit. */
  void inFlight(Semaphore slots, int limit) {
    Gauge.builder("axon.requests.in.flight", () -> limit - slots.availablePermits())
        .description("Requests being processed now, all axons together (limits.max-in-flight caps it)")
        .register(meters);
    Gauge.builder("axon.requests.in.flight.limit", () -> limit)
        .description("limits.max-in-flight: requests beyond it are answered 503")
        .register(meters);
  }

  /** One gauge per stage of the current cascade, following reloads: 0 up, 1 half-open, 2 open. */
  void breakers(Cascade cascade) {
    for (String stage : cascade.health().keySet()) {
      if (breakerGauges.add(stage)) {
        Gauge.builder("cascade.stage.breaker.state", () -> {
          StageHealth health = cascade.health().get(stage);
          return health == null ? Double.NaN : health.code();
        }).description("Circuit breaker of a stage: 0 closed (up), 1 half-open (trying again), 2 open (failing"
            + " fast); NaN once the stage left the cascade").tag("stage", stage).register(meters);
      }
    }
  }

  /** A permitted validator's request passed the signature check now. */
  void validatorCalled() {
    silence.called();
  }

  /** One answered request: latency histogram and count by route, status and caller kind. */
  void request(String route, int status, String caller, long nanos) {
    Timer.builder("axon.request.latency").description("Time from a request's arrival to its response being sent")
        .tags("route", route, "status", Integer.toString(status)).serviceLevelObjectives(REQUEST_BUCKETS)
        .register(meters).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    Counter.builder("axon.requests").description("Requests answered, by route, status and caller")
        .tags("route", route, "status", Integer.toString(status), "caller", caller).register(meters).increment();
  }

  /** Why a request can fail verification (401): the request authenticator's reasons (AuthenticationException.reason). */
  static final java.util.List<String> VERIFICATION_REASONS = java.util.List.of("missing_hotkey", "bad_hotkey",
      "missing_nonce", "missing_uuid", "missing_signature", "bad_signature", "future_nonce", "stale_nonce",
      "replayed_nonce");

  /** A request whose signature or headers did not verify. */
  void verificationFailure(String reason) {
    verificationFailures(reason).increment();
  }

  private Counter verificationFailures(String reason) {
    return Counter.builder("axon.verification.failures").description("Requests refused before any work (401):"
        + " missing, forged, stale or replayed signatures").tag("reason", reason).register(meters);
  }

  private static String version(Class<?> type) {
    String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  /** The commit the jar was built from (its manifest's Implementation-Build), "unknown" from a classes folder. */
  private static String commit(Class<?> type) {
    try (java.io.InputStream in = type.getResourceAsStream("/META-INF/MANIFEST.MF")) {
      String commit = in == null ? null
          : new java.util.jar.Manifest(in).getMainAttributes().getValue("Implementation-Build");
      return commit == null || commit.isBlank() ? "unknown" : commit;
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** The Implementation-Version of the jar holding {@code className}, "none" when it is not on the class path. */
  private static String versionOf(String className) {
    try {
      return version(Class.forName(className, false, MinerMetrics.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return "none";
    }
  }
}
