package io.cascade4j.benchmarks;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.image.ImageHeader;
import io.cascade4j.miner.axon.Miner;
import io.cascade4j.miner.axon.MinerConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The axon's own throughput: a miner on loopback with a trivial cascade (one stage that reads the image header),
 * {@code connections} validators each with one connection and one request at a time, every request signed and every
 * image distinct (so the answer cache never serves one). Requests are signed before the clock starts, since signing
 * is the validators' cost, not the miner's.
 *
 * <p>The verify-bound limit is what the machine could serve if the server did nothing but check signatures: its
 * cores divided by one sr25519 verification, measured in the same process just before. The load generator shares
 * those cores (sending, reading and parsing responses), so the throughput's share understates the server alone; the
 * CPU each side spends per request is measured too (the senders' thread CPU time, and the process's less theirs for
 * the server), and one verification over the server's CPU per request is the server's own share.
 */
public final class AxonLoadBenchmark {
  private static final String AXON_SEED = "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";
  private static final String AXON_HOTKEY =
      Ss58.encode(Sr25519.fromMiniSecret(java.util.HexFormat.of().parseHex(AXON_SEED)).publicKey(), 42);

  private AxonLoadBenchmark() {}

  /**
   * One run's figures.
   *
   * @param connections concurrent validators, one connection each
   * @param requests requests measured
   * @param failures responses other than 200
   * @param perSecond requests answered per second
   * @param p50Millis median latency
   * @param p99Millis 99th percentile latency
   * @param maxMillis the slowest request
   * @param verifyMicros one sr25519 verification, same process
   * @param verifyBoundPerSecond cores / verification
   * @param serverCpuMicros CPU time per request of everything in the process but the load generator's threads
   *     (the miner: Jetty, the pipeline, its kernel time; and the JVM's collector and compiler threads), while sending
   * @param clientCpuMicros CPU time per request of the load generator's threads, kernel time included
   */
  public record Result(int connections, int requests, int failures, double perSecond, double p50Millis,
      double p99Millis, double maxMillis, double verifyMicros, double verifyBoundPerSecond, double serverCpuMicros,
      double clientCpuMicros) {
    /** Throughput as a share of the verify-bound limit. */
    public double shareOfVerifyBound() {
      return perSecond / verifyBoundPerSecond;
    }

    /**
     * The server alone against its verify-bound limit: one verification over the server's CPU per request, the
     * share a server with the machine to itself would reach.
     */
    public double serverShareOfVerifyBound() {
      return verifyMicros / serverCpuMicros;
    }
  }

  /** {@link #run(int, int, int, String)} with 224x224 images, the legacy challenge size. */
  public static Result run(int connections, int requests, int warmUp) throws Exception {
    return run(connections, requests, warmUp, "224x224");
  }

  /**
   * Runs {@code warmUp} unmeasured then {@code requests} measured requests over {@code connections} connections, each
   * carrying a JPEG q75 of {@code imageSize} ("WIDTHxHEIGHT": 224x224 as legacy challenges, 1024x1024 or 1920x1080
   * as validators send since May 2026).
   *
   * @throws IllegalArgumentException for counts out of range, a malformed size, or more signed requests than fit in
   *     a third of the heap (all are signed before the clock starts)
   */
  public static Result run(int connections, int requests, int warmUp, String imageSize) throws Exception {
    if (connections < 1 || requests < connections || warmUp < 0) {
      throw new IllegalArgumentException("need connections >= 1 and requests >= connections, got " + connections
          + " and " + requests);
    }
    if (!imageSize.matches("[1-9]\\d{1,4}x[1-9]\\d{1,4}")) {
      throw new IllegalArgumentException("image size must be WIDTHxHEIGHT (such as 1920x1080), got '" + imageSize
          + "'");
    }
    byte[] jpeg = NoisyGradientJpeg.of(imageSize, 3);
    long requestBytes = jpeg.length * 4L / 3 + 2048;
    long held = requestBytes * Math.max(requests, warmUp);
    if (held > Runtime.getRuntime().maxMemory() / 3) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%d signed requests of %s images (about %d KiB each) would hold %d MiB before the clock starts, more "
              + "than a third of the heap (%d MiB): send fewer requests", Math.max(requests, warmUp), imageSize,
          requestBytes / 1024, held >> 20, Runtime.getRuntime().maxMemory() >> 20));
    }
    double verifyMicros = verifyMicros();
    Path dir = Files.createTempDirectory("cascade4j-axon-load");
    List<Sr25519.Keypair> validators = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      seed[1] = (byte) ((i + 1) >> 8);
      seed[31] = 19;
      validators.add(Sr25519.fromMiniSecret(seed));
    }
    try (Miner miner = start(dir, validators)) {
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      AtomicInteger imageNumber = new AtomicInteger();
      if (warmUp > 0) {
        send(axon, sign(axon, AXON_HOTKEY, validators, warmUp, jpeg, imageNumber));
      }
      Sent sent = send(axon, sign(axon, AXON_HOTKEY, validators, requests, jpeg, imageNumber));
      long[] latencies = sent.latencies();
      int failures = (int) Arrays.stream(latencies).filter(l -> l < 0).count();
      long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
      double verifyBound = Runtime.getRuntime().availableProcessors() * 1e6 / verifyMicros;
      return new Result(connections, requests, failures, requests / (sent.nanos() / 1e9), percentile(ok, 0.50),
          percentile(ok, 0.99), ok.length == 0 ? Double.NaN : ok[ok.length - 1] / 1e6, verifyMicros, verifyBound,
          (sent.processCpuNanos() - sent.clientCpuNanos()) / 1e3 / requests, sent.clientCpuNanos() / 1e3 / requests);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Every request signed and serialised, per connection in nonce order (each validator sends its own in that order):
   * before the clock starts, since signing is the validators' cost.
   */
  private static List<List<byte[]>> sign(URI axon, String axonHotkey, List<Sr25519.Keypair> validators,
      int requests, byte[] jpeg, AtomicInteger imageNumber) {
    int connections = validators.size();
    List<List<byte[]>> signed = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Dendrite dendrite = new Dendrite(validators.get(c));
      List<byte[]> mine = new ArrayList<>();
      for (int i = c; i < requests; i += connections) {
        String image = Base64.getEncoder().encodeToString(distinct(jpeg, imageNumber.incrementAndGet()));
        mine.add(wire(axon, dendrite.sign(ImageSynapse.request(image, ImageSynapse.DEFAULT_TIMEOUT),
            axon.getHost(), axon.getPort(), axonHotkey)));
      }
      signed.add(mine);
    }
    return signed;
  }

  /**
   * What sending measured: latency per request in nanoseconds (-1 where the answer was not a 200), the wall time from
   * the first request to the last answer, and the CPU the load generator's threads and the whole process spent in it.
   */
  private record Sent(long[] latencies, long nanos, long clientCpuNanos, long processCpuNanos) {}

  /**
   * Sends each connection's requests over one kept-alive socket, one at a time, all connections at once. The senders
   * are platform threads so that their CPU time can be read, and the server's is the process's less theirs.
   */
  private static Sent send(URI axon, List<List<byte[]>> signed) throws Exception {
    int connections = signed.size();
    int requests = signed.stream().mapToInt(List::size).sum();
    long[] latencies = new long[requests];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.concurrent.atomic.AtomicLong clientCpu = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(connections);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    long start;
    long processCpuAtStart;
    try (ExecutorService senders = Executors.newFixedThreadPool(connections)) {
      for (int c = 0; c < connections; c++) {
        int connection = c;
        done.add(senders.submit(() -> {
          List<byte[]> mine = signed.get(connection);
          boolean counted = false;
          try (Socket socket = new Socket(axon.getHost(), axon.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            ready.countDown();
            counted = true;
            go.await();
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < mine.size(); i++) {
              long t0 = System.nanoTime();
              out.write(mine.get(i));
              out.flush();
              int status = readResponse(in);
              latencies[connection + i * connections] = status == 200 ? System.nanoTime() - t0 : -1;
            }
            clientCpu.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
          } finally {
            if (!counted) {
              ready.countDown(); // a sender that failed to connect must not hold the others back
            }
          }
          return null;
        }));
      }
      ready.await();
      processCpuAtStart = processCpuNanos();
      start = System.nanoTime();
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    }
    long nanos = System.nanoTime() - start;
    return new Sent(latencies, nanos, clientCpu.get(), processCpuNanos() - processCpuAtStart);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** One HTTP/1.1 request as it goes on the wire: request line, the signed synapse headers, the body. */
  private static byte[] wire(URI axon, Dendrite.Signed signed) {
    StringBuilder head = new StringBuilder("POST /").append(signed.headers().get("name")).append(" HTTP/1.1\r\n")
        .append("Host: ").append(axon.getHost()).append(':').append(axon.getPort()).append("\r\n")
        .append("Content-Type: application/json\r\nContent-Length: ").append(signed.body().length).append("\r\n");
    signed.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(headBytes, headBytes.length + signed.body().length);
    System.arraycopy(signed.body(), 0, out, headBytes.length, signed.body().length);
    return out;
  }

  /**
   * Reads one response (status line, headers, a Content-Length body) off a kept-alive connection; the status code.
   * A lean client on purpose: the generator shares the machine's cores with the server it measures.
   */
  private static int readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = 0;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).trim());
      }
    }
    in.skipNBytes(length);
    return status;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the axon closed the connection mid-response");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** The JPEG with a comment segment naming {@code n} after its start marker: other bytes, the same pixels. */
  static byte[] distinct(byte[] jpeg, int n) {
    byte[] text = ("load " + n).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[jpeg.length + 4 + text.length];
    out[0] = jpeg[0];
    out[1] = jpeg[1];
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xFE;
    out[4] = (byte) ((text.length + 2) >> 8);
    out[5] = (byte) (text.length + 2);
    System.arraycopy(text, 0, out, 6, text.length);
    System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
    return out;
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  /** One sr25519 verification of a request-sized message, warmed up, on this thread. */
  static double verifyMicros() {
    Sr25519.Keypair key = Sr25519.fromMiniSecret(new byte[32]);
    byte[] message = ("1767225600123456789.5DLM3JGXTrZmPsBz8ydBoUbh2EnMtUsohgsP6nXjjomuBXNA"
        + ".5GEF7fnVeHmRhXhUsvkNT4h2WNnB5eWXrGDWtSxVEgMF7K8F.0b6f3c1e-2d4a-11f0-9cd2-0242ac120002"
        + ".a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a").getBytes(StandardCharsets.UTF_8);
    byte[] signature = Sr25519.sign(key, message);
    byte[] publicKey = key.publicKey();
    boolean all = true;
    for (int i = 0; i < 3000; i++) {
      all &= Sr25519.verify(publicKey, message, signature);
    }
    long start = System.nanoTime();
    int n = 3000;
    for (int i = 0; i < n; i++) {
      all &= Sr25519.verify(publicKey, message, signature);
    }
    double micros = (System.nanoTime() - start) / 1e3 / n;
    if (!all) {
      throw new IllegalStateException("a valid signature failed to verify");
    }
    return micros;
  }

  private static Miner start(Path dir, List<Sr25519.Keypair> validators) throws IOException, ConfigurationException {
    Files.writeString(dir.resolve("cascade.yaml"),
        "stages:\n  - {name: header, type: bench-image-header, exit: always}\n");
    StringBuilder json = new StringBuilder("{\"netuid\": 72, \"block\": 1, \"neurons\": [");
    for (int i = 0; i < validators.size(); i++) {
      String hotkey = Ss58.encode(validators.get(i).publicKey(), 42);
      json.append(i == 0 ? "" : ",").append("{\"uid\": ").append(i).append(", \"hotkey\": \"").append(hotkey)
          .append("\", \"coldkey\": \"").append(hotkey).append("\", \"stake\": 5000, \"validator_permit\": true}");
    }
    Files.writeString(dir.resolve("metagraph.json"), json.append("]}").toString());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("cascade", "cascade.yaml");
    config.put("axons", List.of(Map.of("hotkey", AXON_HOTKEY, "host", "127.0.0.1", "port", 0,
        "hotkey-seed-env", "AXON_SEED")));
    config.put("access", Map.of("metagraph", "metagraph.json", "min-stake", 1000, "reload-interval", "1h"));
    config.put("limits", Map.of("rate-limit", 1_000_000));
    config.put("metrics", Map.of("enabled", false));
    MinerConfig parsed = MinerConfig.parse(config, dir, name -> name.equals("AXON_SEED") ? "0x" + AXON_SEED : null);
    ProviderRegistry registry = ProviderRegistry.builder().discover(AxonLoadBenchmark.class.getClassLoader())
        .register(new ImageHeaderStage()).build();
    return Miner.start(parsed, registry);
  }

  /** The trivial cascade's one stage: reads the image header (no decode) and answers from its size. */
  static final class ImageHeaderStage implements StageProvider {
    @Override
    public String type() {
      return "bench-image-header";
    }

    @Override
    public Stage create(Settings settings) throws ConfigurationException {
      settings.validate();
      return context -> {
        ImageHeader header = ImageHeader.read(context.query().image().toByteArray());
        return Evidence.of(header.width() > header.height() ? 0.3 : 0.7);
      };
    }
  }
}
