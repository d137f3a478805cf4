package io.cascade4j.miner.axon;

import static io.cascade4j.miner.axon.MinerFixture.VALIDATOR;
import static io.cascade4j.miner.axon.MinerFixture.redJpeg;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.bittensor.protocol.ImageSynapse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ready} follows the health of the stages (the policy of {@link StageReadiness}). */
class ReadinessTest {
  private static final String BROKEN_FIRST_STAGE = "stages:\n"
      + "  - {name: broken, type: test-redness, fail: true}\n"
      + "  - {name: fixed, type: test-redness, probability: 0.7, exit: always}\n";

  private static HttpResponse<String> ready(MinerFixture fixture) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + fixture.miner.metricsPort() + "/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static void reloadWith(MinerFixture fixture, Path dir, String cascade) throws Exception {
    Files.writeString(dir.resolve("cascade.yaml"), cascade);
    fixture.miner.reloadChanged();
    Thread.sleep(5);
    fixture.miner.reloadChanged();
  }

  @Test
  void aStageFailingEveryRunMakesTheMinerNotReadyUntilTheCascadeIsFixed(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of(), BROKEN_FIRST_STAGE)) {
      for (int i = 1; i < StageReadiness.WINDOW; i++) {
        assertThat(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(i * 12), 9.0)).status()).isEqualTo(200);
      }
      assertThat(ready(fixture).statusCode()).as("19 failures of 19 runs: not yet").isEqualTo(200);
      assertThat(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(250), 9.0)).status()).isEqualTo(200);
      HttpResponse<String> notReady = ready(fixture);
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).isEqualTo("not ready\nstage broken: failed each of its last 20 runs\n");

      reloadWith(fixture, dir, "stages:\n  - {name: fixed, type: test-redness, probability: 0.7, exit: always}\n");
      assertThat(ready(fixture).statusCode()).as("the new cascade starts with a clean record").isEqualTo(200);
      assertThat(ready(fixture).body()).isEqualTo("ready\n");
    }
  }

  @Test
  void anOpenBreakerMakesTheMinerNotReady(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir, Map.of(),
        "stages:\n  - {name: judge, type: test-redness, probability: 0.4, breaker: open, exit: always}\n")) {
      HttpResponse<String> notReady = ready(fixture);
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).isEqualTo("not ready\nstage judge: circuit breaker open (test breaker)\n");
      reloadWith(fixture, dir, "stages:\n  - {name: judge, type: test-redness, probability: 0.4, exit: always}\n");
      assertThat(ready(fixture).statusCode()).isEqualTo(200);
    }
  }
}
