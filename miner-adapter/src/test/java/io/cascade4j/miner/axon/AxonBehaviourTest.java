package io.cascade4j.miner.axon;

import static io.cascade4j.miner.axon.MinerFixture.VALIDATOR;
import static io.cascade4j.miner.axon.MinerFixture.redJpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, caching, tie rule, reloads and shutdown, each on a miner of its own. */
class AxonBehaviourTest {
  private static final String SLOW = "stages:\n  - {name: slow, type: test-redness, delay: 400ms, exit: always}\n";

  /** The synapse of a 200 response; fails with the axon's message otherwise. */
  private static ImageSynapse ok(Dendrite.Response response) {
    assertThat(response.status()).as("status (message: %s)", response.message()).isEqualTo(200);
    return response.synapse();
  }

  private static String fixed(double p) {
    return "stages:\n  - {name: fixed, type: test-redness, probability: " + p + ", exit: always}\n";
  }

  @Test
  void severalHotkeysShareOneCascadeAndOneCache(@TempDir Path dir) throws Exception {
    String second = MinerFixture.hotkey(MinerFixture.STRANGER);
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("axons", List.of(
        Map.of("hotkey", MinerFixture.AXON_HOTKEY, "host", "127.0.0.1", "port", 0),
        Map.of("hotkey", second, "host", "127.0.0.1", "port", 0))), SLOW)) {
      assertThat(fixture.miner.axonPorts()).hasSize(2).doesNotHaveDuplicates();
      int before = BrightnessStageProvider.CALLS.get();
      String image = redJpeg(99);
      double first = ok(fixture.call(VALIDATOR, ImageSynapse.request(image, 9.0))).prediction();
      java.net.URI other = java.net.URI.create("http://127.0.0.1:" + fixture.miner.axonPorts().get(1));
      Dendrite.Response viaSecond = new Dendrite(VALIDATOR).send(other, second, ImageSynapse.request(image, 9.0));
      assertThat(ok(viaSecond).prediction()).isEqualTo(first);
      assertThat(BrightnessStageProvider.CALLS.get() - before).as("one cascade run for both axons").isEqualTo(1);
      // Each axon verifies against its own hotkey: a request signed for one is refused by the other.
      Dendrite.Response crossed = new Dendrite(VALIDATOR).send(other, MinerFixture.AXON_HOTKEY,
          ImageSynapse.request(image, 9.0));
      assertThat(crossed.status()).isEqualTo(401);
      // Refused before its body was read: the connection cannot carry another request, and the client is told so.
      assertThat(crossed.headers().entrySet()).anySatisfy(h -> {
        assertThat(h.getKey()).isEqualToIgnoringCase("connection");
        assertThat(h.getValue()).isEqualToIgnoringCase("close");
      });
    }
  }

  @Test
  void eachCallerHasARateLimit(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("limits", Map.of("rate-limit", 3, "rate-window", "1h")),
        fixed(0.2))) {
      for (int i = 0; i < 3; i++) {
        Dendrite.Response ok = fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(10), 9.0));
        assertThat(ok.status()).as(String.valueOf(ok.message())).isEqualTo(200);
      }
      Dendrite.Response limited = fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(10), 9.0));
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.message()).startsWith("Too many requests from " + MinerFixture.hotkey(VALIDATOR));
      assertThat(fixture.call(MinerFixture.FRIEND, ImageSynapse.request(redJpeg(10), 9.0)).status())
          .as("another caller has its own budget").isEqualTo(200);
    }
  }

  @Test
  void aSaturatedAxonAnswers503(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("limits", Map.of("max-in-flight", 1)), SLOW);
        ExecutorService callers = Executors.newFixedThreadPool(4)) {
      List<Future<Dendrite.Response>> responses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int red = 10 + i;
        responses.add(callers.submit(() -> fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(red), 9.0))));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Dendrite.Response> response : responses) {
        statuses.add(response.get().status());
      }
      assertThat(statuses).contains(200, 503).containsOnly(200, 503);
    }
  }

  @Test
  void oneValidatorCannotTakeEveryInFlightSlot(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("limits", Map.of("max-in-flight", 8,
        "max-in-flight-per-caller", 3)), SLOW);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Dendrite.Response>> flood = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int red = 20 + 25 * i; // distinct images: the cache would answer identical ones without a slot
        // A dendrite each: the axon wants one dendrite's nonces to rise, which concurrent sends through one break.
        Dendrite own = new Dendrite(VALIDATOR);
        flood.add(callers.submit(() -> own.send(fixture.axon, MinerFixture.AXON_HOTKEY, ImageSynapse.request(redJpeg(red),
            9.0))));
      }
      Thread.sleep(200); // the flood holds its share now
      Dendrite.Response friend = fixture.call(MinerFixture.FRIEND, ImageSynapse.request(redJpeg(240), 9.0));
      assertThat(friend.status()).as("another permitted caller still finds a slot").isEqualTo(200);
      List<Integer> statuses = new ArrayList<>();
      List<String> messages = new ArrayList<>();
      for (Future<Dendrite.Response> response : flood) {
        statuses.add(response.get().status());
        messages.add(String.valueOf(response.get().message()));
      }
      assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(3);
      assertThat(statuses.stream().filter(s -> s == 503).count()).isEqualTo(5);
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("max-in-flight-per-caller"));
    }
  }

  @Test
  void identicalImagesRunTheCascadeOnceAndAreCached(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of(), SLOW);
        ExecutorService callers = Executors.newFixedThreadPool(6)) {
      int before = BrightnessStageProvider.CALLS.get();
      String image = redJpeg(123);
      List<Future<Dendrite.Response>> responses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        responses.add(callers.submit(() -> fixture.call(VALIDATOR, ImageSynapse.request(image, 9.0))));
      }
      List<Double> predictions = new ArrayList<>();
      for (Future<Dendrite.Response> response : responses) {
        predictions.add(response.get().synapse().prediction());
      }
      assertThat(predictions).containsOnly(predictions.getFirst());
      assertThat(BrightnessStageProvider.CALLS.get() - before).as("single flight").isEqualTo(1);
      assertThat(ok(fixture.call(VALIDATOR, ImageSynapse.request(image, 9.0))).prediction())
          .isEqualTo(predictions.getFirst());
      assertThat(BrightnessStageProvider.CALLS.get() - before).as("cached").isEqualTo(1);
      assertThat(fixture.miner.meters().get("axon.cache.requests").tag("result", "hit").counter().count())
          .isEqualTo(6);
    }
  }

  @Test
  void aStageThatHangsCostsTheRequestItsDeadlineNotTheStagesTime(@TempDir Path dir) throws Exception {
    // The cascade runs on the request's thread; the engine runs the (thread-isolated) stage off it and answers by the
    // deadline, the request's timeout less the 1 s safety margin.
    try (MinerFixture fixture = new MinerFixture(dir, Map.of(),
        "stages:\n  - {name: stuck, type: test-redness, delay: 1h, exit: always}\n")) {
      String image = redJpeg(77);
      long start = System.nanoTime();
      ImageSynapse answered = ok(fixture.call(VALIDATOR, ImageSynapse.request(image, 3.0)));
      assertThat((System.nanoTime() - start) / 1e9).as("seconds, within the request's timeout").isLessThan(3.0);
      assertThat(answered.prediction()).isBetween(0.0, 1.0);
      // A deadline-cut answer is not cached: the same image is a miss again (the engine, having seen the stage run
      // past the deadline, may now skip it).
      ok(fixture.call(VALIDATOR, ImageSynapse.request(image, 3.0)));
      assertThat(fixture.miner.meters().get("axon.cache.requests").tag("result", "miss").counter().count())
          .isEqualTo(2);
      assertThat(fixture.miner.meters().get("axon.cache.requests").tag("result", "hit").counter().count()).isZero();
    }
  }

  @Test
  void aTieIsNeverSentAsExactlyOneHalfUnderThePositiveRule(@TempDir Path dir) throws Exception {
    try (MinerFixture positive = new MinerFixture(dir.resolve("p").toFile().mkdirs() ? dir.resolve("p") : null,
        Map.of(), fixed(0.5))) {
      double p = ok(positive.call(VALIDATOR, ImageSynapse.request(redJpeg(1), 9.0))).prediction();
      assertThat(p).isGreaterThan(0.5).isEqualTo(Math.nextUp(0.5));
      assertThat(Math.rint(p)).as("numpy rounds it to the positive class").isEqualTo(1.0);
    }
    try (MinerFixture negative = new MinerFixture(dir.resolve("n").toFile().mkdirs() ? dir.resolve("n") : null,
        Map.of("answers", Map.of("tie", "negative")), fixed(0.5))) {
      assertThat(ok(negative.call(VALIDATOR, ImageSynapse.request(redJpeg(1), 9.0))).prediction())
          .isEqualTo(0.5);
    }
  }

  /** Two looks at the watched files more than the fixture's 1 ms settle interval apart, so a change is read. */
  private static void settleAndReload(MinerFixture fixture) throws InterruptedException {
    fixture.miner.reloadChanged();
    Thread.sleep(5);
    fixture.miner.reloadChanged();
  }

  @Test
  void nativeSizeChallengesAreAcceptedByDefault(@TempDir Path dir) throws Exception {
    // A 1920x1080 frame of sensor-like noise at JPEG q75, as SN72 validators send since May 2026: over 1 MiB, which
    // the old default refused with 413.
    java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(1920, 1080,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(72);
    for (int y = 0; y < frame.getHeight(); y++) {
      for (int x = 0; x < frame.getWidth(); x++) {
        frame.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    byte[] jpeg = io.cascade4j.testkit.TestImages.jpeg(frame, 75).toByteArray();
    assertThat(jpeg.length).isGreaterThan(1 << 20);
    try (MinerFixture fixture = new MinerFixture(dir)) {
      Dendrite.Response response = fixture.call(VALIDATOR,
          ImageSynapse.request(java.util.Base64.getEncoder().encodeToString(jpeg), 9.0));
      assertThat(response.status()).as(String.valueOf(response.message())).isEqualTo(200);
      assertThat(response.synapse().prediction()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void aHalfWrittenCascadeFileIsNeverServed(@TempDir Path dir) throws Exception {
    // The first half of this file is itself a valid cascade (its first stage alone) with another answer.
    String whole = "stages:\n"
        + "  - {name: first, type: test-redness, probability: 0.3}\n"
        + "  - {name: second, type: test-redness, probability: 0.9, exit: always}\n";
    String half = whole.substring(0, whole.indexOf("  - {name: second"));
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("access", Map.of(
        "metagraph", "metagraph.json", "allow", List.of(MinerFixture.hotkey(MinerFixture.FRIEND)),
        "min-stake", 1000, "reload-interval", "1h", "reload-settle", "400ms")), fixed(0.2))) {
      Path file = dir.resolve("cascade.yaml");
      Files.writeString(file, half);
      fixture.miner.reloadChanged();
      assertThat(ok(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(20), 9.0))).prediction())
          .as("a change is not read before it settles").isEqualTo(0.2);
      Thread.sleep(100);
      Files.writeString(file, whole); // the writer finishes within the settle interval
      fixture.miner.reloadChanged();
      Thread.sleep(300);
      fixture.miner.reloadChanged(); // 400 ms after the first look, but the whole content is only 300 ms old
      assertThat(ok(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(120), 9.0))).prediction())
          .as("the half-written file was never taken").isEqualTo(0.2);
      Thread.sleep(500);
      fixture.miner.reloadChanged();
      assertThat(ok(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(220), 9.0))).prediction())
          .as("the whole file, once settled").isEqualTo(0.9);

      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(30)));
      fixture.miner.reloadChanged();
      Thread.sleep(500);
      fixture.miner.reloadChanged();
      assertThat(fixture.miner.meters().get("miner.reload.failures").counter().count()).isZero();
      assertThat(fixture.miner.cascade().steps()).as("a touch that keeps the bytes is not a change")
          .containsExactly("first", "second");
    }
  }

  @Test
  void theCascadeAndTheMetagraphReloadWithoutARestart(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of(), fixed(0.2))) {
      assertThat(ok(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(5), 9.0))).prediction())
          .isEqualTo(0.2);
      Files.writeString(dir.resolve("cascade.yaml"), fixed(0.9));
      settleAndReload(fixture);
      Dendrite.Response afterSwap = fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(6), 9.0));
      assertThat(afterSwap.status()).as(String.valueOf(afterSwap.message())).isEqualTo(200);
      assertThat(afterSwap.synapse().prediction())
          .isEqualTo(0.9);

      Files.writeString(dir.resolve("cascade.yaml"), "stages: [{name: x, type: no-such-stage}]\n");
      assertThat(fixture.miner.reloadCascade()).as("a broken file is refused").isFalse();
      assertThat(ok(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(7), 9.0))).prediction())
          .as("the last good cascade keeps serving").isEqualTo(0.9);

      assertThat(fixture.call(MinerFixture.LATECOMER, ImageSynapse.request(redJpeg(8), 9.0)).status())
          .isEqualTo(403);
      fixture.writeMetagraph(List.of(VALIDATOR, MinerFixture.LATECOMER));
      settleAndReload(fixture);
      assertThat(fixture.call(MinerFixture.LATECOMER, ImageSynapse.request(redJpeg(8), 9.0)).status())
          .isEqualTo(200);
      Files.writeString(dir.resolve("metagraph.json"), "{broken");
      assertThat(fixture.miner.reloadMetagraph()).isFalse();
      assertThat(fixture.call(MinerFixture.LATECOMER, ImageSynapse.request(redJpeg(9), 9.0)).status())
          .as("the last good snapshot stays").isEqualTo(200);
      // Three refusals: the broken cascade (by hand, then again when the watcher saw its new time) and the snapshot.
      assertThat(fixture.miner.meters().get("miner.reload.failures").counter().count()).isEqualTo(3);
    }
  }

  @Test
  void slowBodiesFromUnknownSendersCannotTakeTheValidatorsSlots(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("limits", Map.of("max-in-flight", 4)), fixed(0.3))) {
      List<java.net.Socket> attackers = new java.util.ArrayList<>();
      try {
        // 20 slow senders, ten unsigned and ten signed by a hotkey that is not allowed, five times the slots: each
        // promises a 100 kB body and sends its first bytes only.
        for (int i = 0; i < 20; i++) {
          Dendrite stranger = new Dendrite(MinerFixture.STRANGER);
          Map<String, String> headers = new java.util.LinkedHashMap<>(stranger.sign(
              ImageSynapse.request(redJpeg(30 + i), 9.0), "127.0.0.1", 1, MinerFixture.AXON_HOTKEY).headers());
          if (i % 2 == 0) {
            headers.remove("bt_header_dendrite_signature");
          }
          StringBuilder head = new StringBuilder("POST /ImageSynapse HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n");
          headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
          head.append("\r\n{\"image\": \"");
          java.net.Socket socket = new java.net.Socket("127.0.0.1", fixture.axon.getPort());
          attackers.add(socket);
          socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
        }
        Thread.sleep(300); // let every attacker reach the handler
        for (int probe = 0; probe < 5; probe++) {
          long start = System.nanoTime();
          Dendrite.Response answer = fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(100 + probe), 9.0));
          assertThat(answer.status()).as("probe %d: %s", probe, answer.message()).isEqualTo(200);
          assertThat((System.nanoTime() - start) / 1_000_000).as("answered within 9 s").isLessThan(9_000);
        }
        for (java.net.Socket socket : attackers) {
          socket.setSoTimeout(5_000);
          String status = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
          assertThat(status).as("refused from its headers, before its body").isIn("HTTP/1.1 401", "HTTP/1.1 403");
        }
      } finally {
        for (java.net.Socket socket : attackers) {
          socket.close();
        }
      }
    }
  }

  @Test
  void oneHostTricklingHeadersCannotFillTheConnectionCap(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir,
        Map.of("limits", Map.of("max-connections", 24, "max-connections-per-peer", 8)), fixed(0.3))) {
      List<java.net.Socket> attackers = new java.util.ArrayList<>();
      try {
        // 40 connections from another loopback address (the whole of 127/8 is loopback on Linux), each holding a
        // request head it never finishes: more than the whole cap.
        for (int i = 0; i < 40; i++) {
          java.net.Socket socket = new java.net.Socket();
          socket.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
          socket.connect(new java.net.InetSocketAddress("127.0.0.1", fixture.axon.getPort()), 2_000);
          socket.getOutputStream().write("POST /ImageSynapse HTTP/1.1\r\nHo".getBytes(
              java.nio.charset.StandardCharsets.US_ASCII));
          attackers.add(socket);
        }
        Thread.sleep(300);
        long start = System.nanoTime();
        Dendrite.Response answer = fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(77), 9.0));
        assertThat(answer.status()).as(String.valueOf(answer.message())).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).as("answered within 9 s").isLessThan(9_000);
        int closed = 0;
        for (java.net.Socket socket : attackers) {
          socket.setSoTimeout(200);
          try {
            if (socket.getInputStream().read() == -1) {
              closed++;
            }
          } catch (java.net.SocketTimeoutException stillOpen) {
            // held open, within the share
          } catch (java.io.IOException reset) {
            closed++;
          }
        }
        assertThat(closed).as("connections beyond the host's share of 8 are closed").isEqualTo(32);
      } finally {
        for (java.net.Socket socket : attackers) {
          socket.close();
        }
      }
      // Closed connections give their share back: the host may hold 8 again.
      Thread.sleep(500);
      List<java.net.Socket> again = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.net.Socket socket = new java.net.Socket();
          again.add(socket);
          socket.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
          socket.connect(new java.net.InetSocketAddress("127.0.0.1", fixture.axon.getPort()), 2_000);
          socket.getOutputStream().write("POST /ImageSynapse HTTP/1.1\r\nHo".getBytes(
              java.nio.charset.StandardCharsets.US_ASCII));
        }
        Thread.sleep(300);
        for (java.net.Socket socket : again) {
          socket.setSoTimeout(200);
          assertThatThrownBy(() -> socket.getInputStream().read()).as("held open again")
              .isInstanceOf(java.net.SocketTimeoutException.class);
        }
      } finally {
        for (java.net.Socket socket : again) {
          socket.close();
        }
      }
    }
  }

  @Test
  void slowClientsCannotHoldConnections(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir,
        Map.of("limits", Map.of("read-timeout", "500ms", "idle-timeout", "1s", "header-timeout", "2s")), fixed(0.2))) {
      // Headers that promise a body that never comes.
      Dendrite dendrite = new Dendrite(VALIDATOR);
      Dendrite.Signed signed = dendrite.sign(ImageSynapse.request(redJpeg(3), 9.0), "127.0.0.1", 1,
          MinerFixture.AXON_HOTKEY);
      StringBuilder head = new StringBuilder("POST /ImageSynapse HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n");
      signed.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("\r\n{\"image\": \"");
      long start = System.nanoTime();
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fixture.axon.getPort())) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        byte[] answer = socket.getInputStream().readAllBytes(); // returns when the server closes the connection
        assertThat((System.nanoTime() - start) / 1_000_000).as("closed after the read timeout").isLessThan(5_000);
        assertThat(new String(answer, java.nio.charset.StandardCharsets.US_ASCII)).doesNotStartWith("HTTP/1.1 200");
      }
      // A body that trickles in, a byte every 200 ms (never idle for the 1 s idle timeout), is cut at the 500 ms read
      // timeout; without that deadline it would hold its connection and in-flight slot for as long as it liked.
      Dendrite.Signed slow = new Dendrite(VALIDATOR).sign(ImageSynapse.request(redJpeg(3), 9.0), "127.0.0.1", 1,
          MinerFixture.AXON_HOTKEY);
      StringBuilder slowHead = new StringBuilder("POST /ImageSynapse HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n");
      slow.headers().forEach((k, v) -> slowHead.append(k).append(": ").append(v).append("\r\n"));
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fixture.axon.getPort())) {
        socket.setSoTimeout(150);
        socket.getOutputStream().write(slowHead.append("\r\n").toString().getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
        long bodyStart = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < 40 && !closed; i++) { // 40 bytes, about 8 s, if nothing cuts it
          try {
            socket.getOutputStream().write('{');
            socket.getOutputStream().flush();
            socket.getInputStream().read(); // an answer or the end of the stream: the server let go
            closed = true;
          } catch (java.net.SocketTimeoutException stillOpen) {
            Thread.sleep(50);
          } catch (java.io.IOException reset) {
            closed = true;
          }
        }
        long heldMillis = (System.nanoTime() - bodyStart) / 1_000_000;
        assertThat(closed).as("a trickling body is cut").isTrue();
        assertThat(heldMillis).as("at the read timeout, within a sweep or two").isBetween(400L, 2_500L);
      }
      // A connection that trickles its request head, a byte at a time within the idle timeout, is closed at the header
      // deadline.
      try (java.net.Socket trickle = new java.net.Socket("127.0.0.1", fixture.axon.getPort())) {
        trickle.setSoTimeout(300);
        long trickleStart = System.nanoTime();
        byte[] partialHead = "POST /ImageSynapse HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
        boolean closedByServer = false;
        for (int i = 0; i < 40 && !closedByServer; i++) {
          try {
            trickle.getOutputStream().write(partialHead[i % partialHead.length]);
            closedByServer = trickle.getInputStream().read() == -1;
          } catch (java.net.SocketTimeoutException stillOpen) {
            // still open: send the next byte
          } catch (java.io.IOException reset) {
            closedByServer = true;
          }
        }
        long trickled = (System.nanoTime() - trickleStart) / 1_000_000;
        assertThat(closedByServer).as("closed while its head was still trickling in").isTrue();
        assertThat(trickled).as("at the 2 s header deadline, not the 1 s idle timeout's renewals").isBetween(1_500L,
            6_000L);
      }
      // A connection that sends nothing at all is closed after the idle timeout.
      try (java.net.Socket idle = new java.net.Socket("127.0.0.1", fixture.axon.getPort())) {
        idle.setSoTimeout(10_000);
        long idleStart = System.nanoTime();
        assertThat(idle.getInputStream().read()).isEqualTo(-1);
        assertThat((System.nanoTime() - idleStart) / 1_000_000).isBetween(500L, 5_000L);
      }
      assertThat(ok(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(4), 9.0))).prediction()).isEqualTo(0.2);
    }
  }

  @Test
  void shutdownDrainsRequestsInFlight(@TempDir Path dir) throws Exception {
    MinerFixture fixture = new MinerFixture(dir, Map.of(), SLOW);
    try (ExecutorService callers = Executors.newSingleThreadExecutor()) {
      Future<Dendrite.Response> inFlight =
          callers.submit(() -> fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(77), 9.0)));
      Thread.sleep(150);
      fixture.close();
      assertThat(inFlight.get().status()).isEqualTo(200);
    }
  }

  @Test
  void manyValidatorsAtOnceGetTheirOwnAnswers(@TempDir Path dir) throws Exception {
    // Twenty validators on one loopback address (on the network each has its own): one address may hold every
    // connection here.
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("access", Map.of("allow",
        java.util.stream.IntStream.range(10, 30).mapToObj(i -> MinerFixture.hotkey(MinerFixture.key(i))).toList()),
        "limits", Map.of("max-connections-per-peer", 512)),
        "stages:\n  - {name: redness, type: test-redness, exit: always}\n");
        ExecutorService callers = Executors.newFixedThreadPool(20)) {
      List<Future<double[]>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int caller = 10 + i % 20;
        int red = i % 250;
        results.add(callers.submit(() -> new double[] {red,
            ok(fixture.call(MinerFixture.key(caller), ImageSynapse.request(redJpeg(red), 9.0))).prediction()}));
      }
      for (Future<double[]> result : results) {
        double[] r = result.get();
        assertThat(r[1]).isCloseTo(r[0] / 255.0, org.assertj.core.data.Offset.offset(0.03));
      }
    }
  }
}
