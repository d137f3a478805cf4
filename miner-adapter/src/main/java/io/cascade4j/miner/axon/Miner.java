package io.cascade4j.miner.axon;

import io.cascade4j.bittensor.auth.AxonSignature;
import io.cascade4j.bittensor.auth.EpochNanos;
import io.cascade4j.bittensor.auth.NonceGuard;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.SwappableCascade;
import io.cascade4j.core.metrics.MicrometerCascadeListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running miner: one cascade, one answer cache and one access policy shared by every configured axon, plus a
 * health and metrics endpoint. The cascade file and the metagraph snapshot are watched and reloaded when they change;
 * a broken new version is logged and counted, and the last good one keeps serving. {@link #close()} drains requests
 * in flight before it stops.
 *
 * <pre>{@code
 * try (Miner miner = Miner.start(MinerConfig.load(Path.of("miner.yaml")))) {
 *   miner.awaitShutdown();
 * }
 * }</pre>
 */
public final class Miner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Miner.class);
  /** The Bittensor version this axon reports: 9.12.2, the version NATIX pins. */
  static final long VERSION = 9_012_002L;

  private final MinerConfig config;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ProviderRegistry registry;
  private final SwappableCascade cascade;
  private final AnswerService answers;
  private final AccessPolicy access;
  private final List<Server> axons = new ArrayList<>();
  private final List<Integer> axonPorts = new ArrayList<>();
  private @Nullable Server metricsServer;
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("miner-reload").factory());
  private final AtomicBoolean ready = new AtomicBoolean();
  private final StageReadiness readiness = new StageReadiness();
  private final ValidatorSilence silence;
  private final MinerMetrics metrics;
  private @Nullable ChainLink chain;
  private final SettledFile cascadeFile;
  private final @Nullable SettledFile metagraphFile;

  private Miner(MinerConfig config, ProviderRegistry registry) throws IOException, ConfigurationException {
    this.config = config;
    this.silence = new ValidatorSilence(config.access().silenceWarning(), System::nanoTime);
    this.metrics = new MinerMetrics(meters, silence);
    this.registry = registry.withPlugins(config.plugins());
    io.cascade4j.core.EngineSections.apply(config.engine(), "engine"); // before the cascade loads a model
    Duration settle = config.access().reloadSettle();
    this.cascadeFile = new SettledFile(config.cascade(), settle, System::nanoTime);
    Path metagraph = config.access().metagraph();
    this.metagraphFile = metagraph == null ? null : new SettledFile(metagraph, settle, System::nanoTime);
    this.cascade = new SwappableCascade(loadCascade());
    metrics.breakers(cascade);
    MinerConfig.Answers a = config.answers();
    this.answers = new AnswerService(cascade, a.deadline(), a.safetyMargin(), a.tie(), a.cacheTtl(),
        a.cacheEntries(), meters);
    MinerConfig.Access ac = config.access();
    this.access = new AccessPolicy(ac.allow(), ac.deny(), ac.requireValidatorPermit(), ac.minStake());
    if (ac.metagraph() != null) {
      access.useMetagraph(Metagraph.read(ac.metagraph()));
    }
  }

  /**
   * Loads the cascade and the metagraph, then starts every axon and the metrics endpoint.
   *
   * @throws ConfigurationException if the cascade file has problems
   * @throws IOException if a file cannot be read or a port cannot be bound
   */
  public static Miner start(MinerConfig config) throws IOException, ConfigurationException {
    return start(config, ProviderRegistry.discover());
  }

  /** Like {@link #start(MinerConfig)}, with the providers given. */
  public static Miner start(MinerConfig config, ProviderRegistry registry) throws IOException, ConfigurationException {
    return start(config, registry, config.chain() == null ? null : new ChainLink(config));
  }

  /** Like {@link #start(MinerConfig)}, with the providers and the chain link given (null: no chain). */
  static Miner start(MinerConfig config, ProviderRegistry registry, @Nullable ChainLink chain)
      throws IOException, ConfigurationException {
    Miner miner = new Miner(config, registry);
    miner.chain = chain;
    if (chain != null) {
      miner.refreshMetagraphFromChain();
    }
    try {
      miner.startServers();
    } catch (Exception e) {
      miner.close();
      throw e instanceof IOException io ? io : new IOException("could not start the miner: " + e.getMessage(), e);
    }
    return miner;
  }

  private Cascade loadCascade() throws IOException, ConfigurationException {
    if (!config.tracing()) {
      return Cascades.load(config.cascade(), registry, new MicrometerCascadeListener(meters), readiness);
    }
    return Cascades.load(config.cascade(), registry, new MicrometerCascadeListener(meters), readiness,
        tracingListener());
  }

  /** Traces through the process's OpenTelemetry (an agent or an SDK registered as global), when its API is here. */
  private static io.cascade4j.core.CascadeListener tracingListener() throws ConfigurationException {
    try {
      Class.forName("io.opentelemetry.api.GlobalOpenTelemetry", false, Miner.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException(List.of(new io.cascade4j.api.Problem("tracing.enabled",
          "needs OpenTelemetry's API on the class path (io.opentelemetry:opentelemetry-api) and an SDK or the"
              + " OpenTelemetry Java agent to export the spans")));
    }
    return new io.cascade4j.core.tracing.OpenTelemetryCascadeListener(
        io.opentelemetry.api.GlobalOpenTelemetry.getTracer("io.cascade4j"));
  }

  private void startServers() throws Exception {
    MinerConfig.Limits l = config.limits();
    MinerConfig.Nonces n = config.nonces();
    // One budget for the whole process: the axons share the cascade, so they share its capacity.
    InFlightShares inFlight = new InFlightShares(l.maxInFlight(), l.maxInFlightPerCaller());
    metrics.inFlight(inFlight.total(), l.maxInFlight());
    for (MinerConfig.AxonConfig axon : config.axons()) {
      NonceGuard nonces = new NonceGuard(EpochNanos::now, n.maxFuture(), n.maxTimeout(), n.maxEntries());
      AxonHandler handler = new AxonHandler(axon.hotkey(), axon.keypair(), VERSION, access,
          new AxonSignature(axon.hotkey(), nonces),
          new RateLimiter(l.rateLimit(), l.rateWindow(), System::nanoTime),
          new ImageCheck(l.maxImageBytes(), l.maxImagePixels()), answers,
          new AxonHandler.Limits(l.maxBodyBytes(), l.maxHeaders(), l.readTimeout()), inFlight, metrics);
      Server server = server(axon.endpoint(), handler, l);
      axons.add(server);
      axonPorts.add(((ServerConnector) server.getConnectors()[0]).getLocalPort());
      log.info("axon for {} listening on {}:{}", axon.hotkey(), axon.endpoint().host(), axonPorts.getLast());
    }
    if (config.metricsEnabled()) {
      metricsServer = server(config.metrics(), new HealthHandler(), l);
      log.info("health and metrics on {}:{}", config.metrics().host(), metricsPort());
    }
    long every = config.access().reloadInterval().toMillis();
    watcher.scheduleWithFixedDelay(this::reloadChanged, every, every, TimeUnit.MILLISECONDS);
    watcher.scheduleWithFixedDelay(silence::check, 10, 10, TimeUnit.SECONDS);
    if (chain != null) {
      long refresh = chain.refreshInterval().toMillis();
      watcher.scheduleWithFixedDelay(this::refreshMetagraphFromChain, refresh, refresh, TimeUnit.MILLISECONDS);
    }
    ready.set(true);
  }

  private Server server(MinerConfig.Endpoint endpoint, Handler handler, MinerConfig.Limits limits) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    threads.setName("axon-" + endpoint.port());
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(endpoint.host());
    connector.setPort(endpoint.port());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    // Slow clients: a connection silent for the idle timeout is closed, a body must arrive within the read timeout
    // (AxonHandler), and the number of connections is capped, in all and per peer address, so that trickling clients
    // cannot exhaust the server.
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    connector.addBean(new PeerConnectionShare(limits.maxConnectionsPerPeer()));
    connector.addBean(new HeaderDeadline(limits.headerTimeout()));
    server.setErrorHandler(new JsonErrorHandler());
    server.setHandler(new GracefulHandler(handler));
    server.setStopTimeout(config.drain().toMillis());
    server.start();
    return server;
  }

  /**
   * Checks the cascade file and the metagraph snapshot for changes and reloads what changed and then stayed unchanged
   * for {@code reload-settle} (see {@link SettledFile}).
   */
  void reloadChanged() {
    try {
      if (settled(cascadeFile, "cascade file " + config.cascade())) {
        reloadCascade(true);
      }
      if (metagraphFile != null && settled(metagraphFile, "metagraph snapshot " + config.access().metagraph())) {
        reloadMetagraph();
      }
    } catch (RuntimeException | IOException e) {
      metrics.reloadFailures.increment();
      log.warn("reload check failed: {}", e.toString());
    }
  }

  private boolean settled(SettledFile file, String what) throws IOException {
    return switch (file.check()) {
      case NONE -> false;
      case SETTLING -> {
        log.info("{} changed; it is read once it stays unchanged for {}", what, config.access().reloadSettle());
        yield false;
      }
      case SETTLED -> true;
    };
  }

  /** Replaces the cascade from its file; on failure the current one keeps serving. */
  public boolean reloadCascade() {
    return reloadCascade(false);
  }

  /**
   * Replaces the cascade from its file; on failure the current one keeps serving.
   *
   * @param onlyIfSettled refuse the new cascade when the file changed again while it was read
   */
  private boolean reloadCascade(boolean onlyIfSettled) {
    try {
      io.cascade4j.api.Cascade next = loadCascade();
      if (onlyIfSettled && !cascadeFile.stillTaken()) {
        next.close();
        metrics.reloadFailures.increment();
        log.warn("cascade file {} changed while it was read; keeping the current cascade until the file settles",
            config.cascade());
        return false;
      }
      cascade.swap(next);
      readiness.reset();
      metrics.breakers(cascade);
      log.info("cascade reloaded from {}", config.cascade());
      return true;
    } catch (IOException | ConfigurationException | RuntimeException e) {
      metrics.reloadFailures.increment();
      log.warn("cascade reload from {} failed, keeping the current one: {}", config.cascade(), e.getMessage());
      return false;
    }
  }

  /**
   * Reads the metagraph from the chain into access control; on failure the last good one stays, and the failure is
   * logged and counted ({@code miner.metagraph.refresh.failures}).
   */
  public boolean refreshMetagraphFromChain() {
    ChainLink link = chain;
    if (link == null) {
      return false;
    }
    try {
      access.useMetagraph(link.refresh());
      return true;
    } catch (io.cascade4j.bittensor.chain.ChainException | RuntimeException e) {
      metrics.metagraphRefreshFailures.increment();
      log.warn("metagraph refresh from the chain failed, keeping the last good one: {}", e.getMessage());
      return false;
    }
  }

  /** The access-control snapshot in force, for tests and diagnostics. */
  @Nullable Metagraph currentMetagraph() {
    return access.metagraph();
  }

  /** Replaces the metagraph snapshot from its file; on failure the current one stays. */
  public boolean reloadMetagraph() {
    Path file = config.access().metagraph();
    if (file == null) {
      return false;
    }
    try {
      Metagraph snapshot = Metagraph.read(file);
      access.useMetagraph(snapshot);
      log.info("metagraph reloaded: subnet {}, block {}, {} neurons", snapshot.netuid(), snapshot.block(),
          snapshot.neurons().size());
      return true;
    } catch (IOException | RuntimeException e) {
      metrics.reloadFailures.increment();
      log.warn("metagraph reload from {} failed, keeping the last good snapshot: {}", file, e.getMessage());
      return false;
    }
  }

  /** The ports the axons listen on, in configuration order (useful with port 0). */
  public List<Integer> axonPorts() {
    return List.copyOf(axonPorts);
  }

  /** The cascade being served now (it changes when the cascade file is reloaded). */
  public io.cascade4j.api.Cascade cascade() {
    return cascade.current();
  }

  /** The port of the health and metrics endpoint, or -1 when it is off. */
  public int metricsPort() {
    return metricsServer == null ? -1 : ((ServerConnector) metricsServer.getConnectors()[0]).getLocalPort();
  }

  /** The Prometheus registry every meter of this miner lives in. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** Blocks until the axons stop. */
  public void awaitShutdown() throws InterruptedException {
    for (Server server : axons) {
      server.join();
    }
  }

  /** Stops taking requests, lets those in flight finish (up to the drain time), then closes everything. */
  @Override
  public void close() {
    ready.set(false);
    watcher.shutdownNow();
    for (Server server : axons) {
      stop(server);
    }
    if (metricsServer != null) {
      stop(metricsServer);
    }
    cascade.close();
    if (chain != null) {
      chain.close();
    }
    log.info("miner stopped");
  }

  private static void stop(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping a server failed: {}", e.toString());
    }
  }

  /** {@code /health} (alive), {@code /ready} (serving), {@code /metrics} (Prometheus text). */
  private final class HealthHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = request.getHttpURI().getPath();
      int status = 200;
      String body;
      String type = "text/plain; charset=utf-8";
      switch (path == null ? "" : path) {
        case "/health" -> body = "ok\n";
        case "/ready" -> {
          List<String> problems = ready.get() ? readiness.problems(cascade) : List.of("starting or stopping");
          status = problems.isEmpty() ? 200 : 503;
          body = problems.isEmpty() ? "ready\n" : "not ready\n" + String.join("\n", problems) + "\n";
        }
        case "/metrics" -> {
          body = meters.scrape();
          type = "text/plain; version=0.0.4; charset=utf-8";
        }
        default -> {
          status = 404;
          body = "not found: try /health, /ready or /metrics\n";
        }
      }
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }

  @Override
  public String toString() {
    return "Miner[axons=" + axonPorts + ", metrics=" + metricsPort() + "]";
  }
}
