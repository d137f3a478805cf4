package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.miner.dendrite.Dendrite;
import io.cascade4j.miner.protocol.ImageSynapse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AxonSmokeTest {
  @Test
  void answersASignedRequest(@TempDir Path dir) throws Exception {
    try (MinerFixture fixture = new MinerFixture(dir)) {
      Dendrite.Response response = fixture.call(MinerFixture.VALIDATOR, ImageSynapse.request(MinerFixture.redJpeg(200), 9.0));
      System.out.println(response);
      assertThat(response.status()).isEqualTo(200);
    }
  }
}
