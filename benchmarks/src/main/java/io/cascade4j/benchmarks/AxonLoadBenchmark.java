package io.cascade4j.benchmarks;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.BodyHash;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.bittensor.protocol.ReceivedSynapse;
import io.cascade4j.bittensor.protocol.SynapseHeaders;
import io.cascade4j.bittensor.protocol.SynapseJson;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.image.ImageHeader;
import io.cascade4j.miner.axon.Miner;
import io.cascade4j.miner.axon.MinerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
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
 * the server), and one verification over the server's CPU per request is the server's own share. The same requests
 * then go to a {@link TransportFloor}, a server that only moves the bytes: its CPU per request bounds from above the
 * share any server could reach over loopback TCP here.
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
   * @param serverCpuMicros CPU time per request of everything in the process but the load generator's threads and
   *     the JIT compilers (the miner: Jetty, the pipeline, its kernel time; and the collector), while sending
   * @param clientCpuMicros CPU time per request of the load generator's threads, kernel time included
   * @param floorPerSecond the same requests answered per second by a {@link TransportFloor}, which only reads each
   *     and sends its body back
   * @param floorCpuMicros that floor's CPU time per request (measured as {@code serverCpuMicros}): what moving the
   *     same bytes over loopback TCP costs a server before it does anything with them
   * @param bodyWorkMicros the work on each request that no server design avoids, on one thread, no HTTP: the synapse
   *     headers parsed, the body's JSON read, the image's base64 decoded, its SHA-256 (the answer cache's key) and
   *     header read, the answer's headers and JSON (image echoed) written
   */
  public record Result(int connections, int requests, int failures, double perSecond, double p50Millis,
      double p99Millis, double maxMillis, double verifyMicros, double verifyBoundPerSecond, double serverCpuMicros,
      double clientCpuMicros, double floorPerSecond, double floorCpuMicros, double bodyWorkMicros) {
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

    /**
     * The most any server could reach of its verify-bound limit with this traffic on this machine: one verification
     * over one verification plus the transport's floor, as if authenticating, parsing, answering and the cascade were
     * free.
     */
    public double transportBoundShareOfVerifyBound() {
      return verifyMicros / (verifyMicros + floorCpuMicros);
    }

    /**
     * The most any server could reach of its verify-bound limit doing what an axon must: one verification over one
     * verification plus the transport's floor plus the body work, as if HTTP parsing, threads and the cascade were
     * free.
     */
    public double workBoundShareOfVerifyBound() {
      return verifyMicros / (verifyMicros + floorCpuMicros + bodyWorkMicros);
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
   * @throws IllegalArgumentException for counts out of range or a malformed size
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
    Body body = Body.of(NoisyGradientJpeg.of(imageSize, 3));
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
      List<List<Prepared>> warmUpRequests = sign(axon, AXON_HOTKEY, validators, warmUp, body, imageNumber);
      List<List<Prepared>> measuredRequests = sign(axon, AXON_HOTKEY, validators, requests, body, imageNumber);
      if (warmUp > 0) {
        send(axon, warmUpRequests, body);
      }
      Sent sent = send(axon, measuredRequests, body);
      Sent floor = sendToTransportFloor(warmUpRequests, measuredRequests, body);
      double bodyWorkMicros = bodyWorkMicros(axon, validators.getFirst(), body);
      long[] latencies = sent.latencies();
      int failures = (int) Arrays.stream(latencies).filter(l -> l < 0).count();
      long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
      double verifyBound = Runtime.getRuntime().availableProcessors() * 1e6 / verifyMicros;
      return new Result(connections, requests, failures, requests / (sent.nanos() / 1e9), percentile(ok, 0.50),
          percentile(ok, 0.99), ok.length == 0 ? Double.NaN : ok[ok.length - 1] / 1e6, verifyMicros, verifyBound,
          sent.serverCpuNanos() / 1e3 / requests, sent.clientCpuNanos() / 1e3 / requests,
          requests / (floor.nanos() / 1e9), floor.serverCpuNanos() / 1e3 / requests, bodyWorkMicros);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * One request ready to send but for its body: the HTTP head with the signed synapse headers, and which distinct
   * image goes in the body. The signature covers the headers only (the body through {@code computed_body_hash}, which
   * is the same for every ImageSynapse body), so bodies are made while sending and never held: a few thousand 1080p
   * requests would otherwise hold gigabytes, and the collector's work on them would be charged to the server.
   */
  private record Prepared(byte[] head, int image) {}

  /** Every request signed, per connection in nonce order (each validator sends its own in that order). */
  private static List<List<Prepared>> sign(URI axon, String axonHotkey, List<Sr25519.Keypair> validators,
      int requests, Body body, AtomicInteger imageNumber) {
    int connections = validators.size();
    List<List<Prepared>> signed = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Dendrite dendrite = new Dendrite(validators.get(c));
      List<Prepared> mine = new ArrayList<>();
      for (int i = c; i < requests; i += connections) {
        int image = imageNumber.incrementAndGet();
        Dendrite.Signed headers = dendrite.sign(ImageSynapse.request("", ImageSynapse.DEFAULT_TIMEOUT),
            axon.getHost(), axon.getPort(), axonHotkey);
        mine.add(new Prepared(head(axon, headers, body.length()), image));
      }
      signed.add(mine);
    }
    return signed;
  }

  /**
   * The JSON body of a request for distinct image {@code n}, as {@link Dendrite#sign} writes it: the synapse around
   * the base64 of {@link #distinct}. The image differs only in its first {@link #DISTINCT_PREFIX} bytes, a multiple of
   * three, so the base64 of the rest is made once and only the start is encoded per request.
   */
  private record Body(byte[] prefix, ByteBuffer imageRest, byte[] suffix, byte[] jpeg) {
    static Body of(byte[] jpeg) {
      String marker = "IMAGE";
      String json = new String(SynapseJson.write(
          ImageSynapse.request(marker, ImageSynapse.DEFAULT_TIMEOUT)), StandardCharsets.UTF_8);
      int at = json.indexOf("\"image\":\"" + marker + "\"") + "\"image\":\"".length();
      byte[] rest = Base64.getEncoder().encode(Arrays.copyOfRange(distinct(jpeg, 0), DISTINCT_PREFIX,
          distinct(jpeg, 0).length));
      return new Body(json.substring(0, at).getBytes(StandardCharsets.UTF_8), ByteBuffer.wrap(rest).asReadOnlyBuffer(), json.substring(at + marker.length()).getBytes(
              StandardCharsets.UTF_8), jpeg);
    }

    int length() {
      return prefix.length + DISTINCT_PREFIX / 3 * 4 + imageRest.capacity() + suffix.length;
    }

    /** The body of request {@code n} as buffers to write in order (the big one shared, never copied). */
    ByteBuffer[] buffers(int n) {
      byte[] start = Base64.getEncoder().encode(Arrays.copyOf(distinct(jpeg, n), DISTINCT_PREFIX));
      return new ByteBuffer[] {ByteBuffer.wrap(prefix), ByteBuffer.wrap(start), imageRest.duplicate(),
          ByteBuffer.wrap(suffix)};
    }
  }

  /**
   * What sending measured: latency per request in nanoseconds (-1 where the answer was not a 200), the wall time from
   * the first request to the last answer, and the CPU the load generator's threads and the whole process spent in it.
   */
  private record Sent(long[] latencies, long nanos, long clientCpuNanos, long processCpuNanos) {
    long serverCpuNanos() {
      return processCpuNanos - clientCpuNanos;
    }
  }

  /**
   * The same requests, warm-up and measured, to a {@link TransportFloor} instead of the miner: the same bytes each
   * way over the same kind of connections, and nothing else done with them.
   *
   * @throws IllegalStateException when the floor did not answer every request with a 200
   */
  private static Sent sendToTransportFloor(List<List<Prepared>> warmUp, List<List<Prepared>> measured, Body body)
      throws Exception {
    try (TransportFloor floor = TransportFloor.start()) {
      URI uri = URI.create("http://127.0.0.1:" + floor.port());
      if (warmUp.stream().mapToInt(List::size).sum() > 0) {
        send(uri, warmUp, body);
      }
      Sent sent = send(uri, measured, body);
      if (Arrays.stream(sent.latencies()).anyMatch(l -> l < 0)) {
        throw new IllegalStateException("the transport floor did not answer every request with a 200");
      }
      return sent;
    }
  }

  /**
   * The process's CPU time less the JIT compilers': a short run still compiles, which is not what a request costs once
   * the server is warm. On Linux the compiler threads' own CPU time ({@code /proc/self/task/TID/schedstat}, in
   * nanoseconds); elsewhere the JVM's compilation time, which is the compilations' elapsed time summed and can exceed
   * the CPU they used (it made a 200-request run's server CPU negative).
   */
  private static long processCpuNanos() {
    long process = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    long compiling = compilerThreadsCpuNanos();
    if (compiling < 0) {
      java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
      compiling = jit != null && jit.isCompilationTimeMonitoringSupported()
          ? jit.getTotalCompilationTime() * 1_000_000L : 0;
    }
    return process - compiling;
  }

  /** The CPU time of this process's JIT compiler threads ("C1/C2 CompilerThread"), or -1 where Linux's /proc is not. */
  static long compilerThreadsCpuNanos() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    long nanos = 0;
    try (var threads = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) threads::iterator) {
        try {
          String name = Files.readString(task.resolve("comm")).strip(); // Linux keeps 15 characters
          if (name.equals("C1 CompilerThre") || name.equals("C2 CompilerThre")) {
            nanos += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
          }
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read: skipped; its time stays in the process's (the server figure errs high).
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return nanos;
  }

  /**
   * Sends each connection's requests over one kept-alive connection, one at a time, all connections at once, from one
   * platform thread with a selector: its CPU time is the load generator's (the server's is the process's less it), and
   * one thread does not crowd the server's two carriers as 32 blocking threads would (that moved the p99).
   */
  private static Sent send(URI axon, List<List<Prepared>> signed, Body body) throws Exception {
    int requests = signed.stream().mapToInt(List::size).sum();
    long[] latencies = new long[requests];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    try (Selector selector = Selector.open()) {
      List<Connection> connections = new ArrayList<>();
      for (int c = 0; c < signed.size(); c++) {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(axon.getHost(), axon.getPort()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        Connection connection = new Connection(c, signed.size(), channel, signed.get(c), body, latencies);
        connection.key = channel.register(selector, 0, connection);
        connections.add(connection);
      }
      long cpuAtStart = threads.getCurrentThreadCpuTime();
      long processCpuAtStart = processCpuNanos();
      long start = System.nanoTime();
      int open = 0;
      for (Connection connection : connections) {
        open += connection.sendNext() ? 1 : 0;
      }
      while (open > 0) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          Connection connection = (Connection) key.attachment();
          if (key.isWritable()) {
            connection.write();
          } else if (key.isReadable() && connection.read() && !connection.sendNext()) {
            open--;
          }
        }
        selector.selectedKeys().clear();
      }
      long nanos = System.nanoTime() - start;
      long clientCpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
      long processCpu = processCpuNanos() - processCpuAtStart;
      for (Connection connection : connections) {
        connection.channel.close();
      }
      return new Sent(latencies, nanos, clientCpu, processCpu);
    }
  }

  /** One validator's connection: its requests in order, the one in flight, and the response being read. */
  private static final class Connection {
    private final int index;
    private final int stride;
    private final SocketChannel channel;
    private final List<Prepared> requests;
    private final Body body;
    private final long[] latencies;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    private final StringBuilder head = new StringBuilder();
    private SelectionKey key;
    private int next;
    private ByteBuffer[] out;
    private long sentAt;
    private int status;
    private long bodyLeft = -1; // -1 while the response's head is being read

    Connection(int index, int stride, SocketChannel channel, List<Prepared> requests, Body body, long[] latencies) {
      this.index = index;
      this.stride = stride;
      this.channel = channel;
      this.requests = requests;
      this.body = body;
      this.latencies = latencies;
    }

    /** Starts the next request; false when none is left. */
    boolean sendNext() throws IOException {
      if (next == requests.size()) {
        key.interestOps(0);
        return false;
      }
      Prepared request = requests.get(next);
      ByteBuffer[] image = body.buffers(request.image());
      out = new ByteBuffer[image.length + 1];
      out[0] = ByteBuffer.wrap(request.head());
      System.arraycopy(image, 0, out, 1, image.length);
      head.setLength(0);
      bodyLeft = -1;
      sentAt = System.nanoTime();
      write();
      return true;
    }

    void write() throws IOException {
      channel.write(out);
      key.interestOps(out[out.length - 1].hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what has arrived; true when the whole response is in (its latency then recorded). */
    boolean read() throws IOException {
      in.clear();
      if (channel.read(in) < 0) {
        throw new IOException("the axon closed the connection mid-response");
      }
      in.flip();
      while (bodyLeft < 0 && in.hasRemaining()) {
        head.append((char) in.get());
        int n = head.length();
        if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n'
            && head.charAt(n - 4) == '\r') {
          status = Integer.parseInt(head.substring(9, 12));
          bodyLeft = contentLength(head);
        }
      }
      if (bodyLeft < 0) {
        return false;
      }
      int skipped = (int) Math.min(bodyLeft, in.remaining());
      in.position(in.position() + skipped);
      bodyLeft -= skipped;
      if (bodyLeft > 0) {
        return false;
      }
      latencies[index + next * stride] = status == 200 ? System.nanoTime() - sentAt : -1;
      next++;
      return true;
    }

    private static long contentLength(CharSequence head) {
      String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
      int at = lower.indexOf("\r\ncontent-length:");
      return at < 0 ? 0 : Long.parseLong(lower.substring(at + 17, lower.indexOf('\r', at + 17)).trim());
    }
  }

  /** The HTTP/1.1 head of a request: request line, the signed synapse headers, the body's length. */
  private static byte[] head(URI axon, Dendrite.Signed signed, int bodyLength) {
    StringBuilder head = new StringBuilder("POST /").append(signed.headers().get("name")).append(" HTTP/1.1\r\n")
        .append("Host: ").append(axon.getHost()).append(':').append(axon.getPort()).append("\r\n")
        .append("Content-Type: application/json\r\nContent-Length: ").append(bodyLength).append("\r\n");
    signed.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The JPEG with a comment segment naming {@code n} after its start marker: other bytes, the same pixels. */
  static byte[] distinct(byte[] jpeg, int n) {
    byte[] text = String.format(java.util.Locale.ROOT, "load %010d", n).getBytes(StandardCharsets.US_ASCII);
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

  /** How many leading bytes {@link #distinct} changes: start marker, comment segment head and its 15 characters. */
  static final int DISTINCT_PREFIX = 2 + 4 + 15;

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  /**
   * The per-request work on headers and body that every axon does whatever its HTTP layer, warmed up, on this thread,
   * over 64 distinct bodies of the run's size: see {@link Result#bodyWorkMicros}. The image's header is read as the
   * axon reads it (its few magic-byte comparisons are left out); the signature's verification is not included.
   */
  private static double bodyWorkMicros(URI axon, Sr25519.Keypair validator, Body body) throws Exception {
    Map<String, String> signed = new Dendrite(validator).sign(ImageSynapse.request("", ImageSynapse.DEFAULT_TIMEOUT),
        axon.getHost(), axon.getPort(), AXON_HOTKEY).headers();
    List<byte[]> bodies = new ArrayList<>();
    for (int n = 0; n < 64; n++) {
      java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream(body.length());
      for (ByteBuffer part : body.buffers(n)) {
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        whole.write(bytes);
      }
      bodies.add(whole.toByteArray());
    }
    long sink = 0;
    int iterations = 20_000;
    long start = 0;
    for (int i = -iterations; i < iterations; i++) { // the first half warms up
      if (i == 0) {
        start = System.nanoTime();
      }
      SynapseHeaders.Parsed headers = SynapseHeaders.parse(signed::get);
      ReceivedSynapse received = SynapseJson.readReceived(bodies.get(i & 63));
      ByteBuffer decoded = Base64.getDecoder().decode(received.imageBuffer());
      java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
      sha256.update(decoded.duplicate());
      ImageHeader header = ImageHeader.read(decoded.array());
      ImageSynapse answered = received.fields().answered(0.3,
          received.fields().axon().withStatus(200, "Success", 0.001));
      Map<String, String> answerHeaders = SynapseHeaders.of(answered, BodyHash.NO_FIELDS);
      ByteBuffer json = SynapseJson.write(answered, received);
      sink += headers.timeout() > 0 ? 1 : 0;
      sink += sha256.digest()[0] + header.width() + answerHeaders.size() + json.remaining();
    }
    double micros = (System.nanoTime() - start) / 1e3 / iterations;
    if (sink == 0) {
      throw new IllegalStateException("unreachable: keeps the work from being optimised away");
    }
    return micros;
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
