package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.cascade4j.miner.axon.Miner;
import io.cascade4j.miner.axon.MinerConfig;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.miner.validator.Augmentation;
import io.cascade4j.miner.validator.LocalValidator;
import io.cascade4j.scenes.SceneGenerator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, defect 5, against the default cascade behind a real axon: 64 concurrent 6300x6300 images of a few
 * kilobytes (JPEG and WebP, within the 40 Mpx header limit) from a permitted validator once took 8.4-29.8 s each and
 * 5.8 GB. Now every one of them, and a validator's ordinary native-size challenge sent meanwhile, is answered within
 * the validators' 9 s timeout: JPEGs decode at reduced scale and are answered, WebPs above the decode budget are
 * refused by the stages (400: the image cannot be used), and decoded pixels queue for the decode budget.
 */
class HugeImageAttackTest {
  private static byte[] uniform(String extension, int... params) {
    try (Mat mat = new Mat(6300, 6300, CV_8UC3, new Scalar(40, 120, 200, 0)); BytePointer out = new BytePointer();
        IntPointer options = new IntPointer(params)) {
      assertThat(imencode(extension, mat, out, options)).isTrue();
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  @Test
  void hugeImagesCannotDelayAnyAnswerPastTheValidatorsTimeout(@TempDir Path dir) throws Exception {
    String jpeg = Base64.getEncoder().encodeToString(uniform(".jpg", IMWRITE_JPEG_QUALITY, 75));
    String webp = Base64.getEncoder().encodeToString(uniform(".webp", IMWRITE_WEBP_QUALITY, 10));
    assertThat(jpeg.length() + webp.length()).as("a few kilobytes each").isLessThan(2_000_000);
    String ordinary = Base64.getEncoder().encodeToString(
        Augmentation.jpeg(new SceneGenerator(1920, 1080).generate(5, true).image()));

    String axonHotkey = Ss58.encode(LocalValidator.validatorKey(77).publicKey(), Ss58.BITTENSOR_PREFIX);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("cascade", BundledSamples.EXAMPLES.resolve("default/cascade.yaml").toAbsolutePath().toString());
    config.put("axons", List.of(Map.of("hotkey", axonHotkey, "host", "127.0.0.1", "port", 0,
        "hotkey-seed-env", "AXON_SEED")));
    config.put("access", Map.of("require-validator-permit", false, "allow", List.of(
        Ss58.encode(LocalValidator.validatorKey(0).publicKey(), Ss58.BITTENSOR_PREFIX),
        Ss58.encode(LocalValidator.validatorKey(1).publicKey(), Ss58.BITTENSOR_PREFIX))));
    // Room for all 64 at once (by default one caller holds at most 16 slots, and 64 fill the cap): the point here is
    // that 64 huge images being answered together still leave every answer within the deadline.
    config.put("limits", Map.of("rate-limit", 100_000, "max-in-flight", 128, "max-in-flight-per-caller", 64));
    config.put("metrics", Map.of("host", "127.0.0.1", "port", 0));
    String seed = "0x" + HexFormat.of().formatHex(LocalValidator.validatorSeed(77));
    try (Miner miner = Miner.start(MinerConfig.parse(config, dir, name -> name.equals("AXON_SEED") ? seed : null))) {
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      AtomicBoolean attacking = new AtomicBoolean(true);
      List<Dendrite.Response> probes = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<?> prober = pool.submit(() -> {
          Dendrite validator = new Dendrite(LocalValidator.validatorKey(0));
          while (attacking.get()) {
            probes.add(validator.send(axon, axonHotkey, ImageSynapse.request(ordinary, 9.0)));
            Thread.sleep(300);
          }
          return null;
        });
        List<Future<Dendrite.Response>> attack = new ArrayList<>(); // even: JPEG, odd: WebP
        for (int i = 0; i < 64; i++) {
          String image = i % 2 == 0 ? jpeg : webp;
          // A dendrite each: one dendrite's nonces must rise, which concurrent sends through it would break.
          Dendrite sender = new Dendrite(LocalValidator.validatorKey(1));
          attack.add(pool.submit(() -> sender.send(axon, axonHotkey, ImageSynapse.request(image, 9.0))));
        }
        try {
          for (int i = 0; i < attack.size(); i++) {
            Dendrite.Response response = attack.get(i).get(); // past 9 s, HttpTimeoutException is thrown here
            if (i % 2 == 0) { // decoded at 1/2 scale, answered by the cascade
              assertThat(response.status()).as(String.valueOf(response.message())).isEqualTo(200);
              assertThat(response.synapse().prediction()).isBetween(0.0, 1.0);
            } else { // beyond the decode budget and not scalable: refused, not answered with a prior
              assertThat(response.status()).isEqualTo(400);
              assertThat(response.message()).contains("more than the decode budget");
            }
          }
        } finally {
          attacking.set(false);
        }
        prober.get();
      }
      assertThat(probes).isNotEmpty().allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
      System.out.printf("huge-image attack: %d probes, slowest probe %d ms%n", probes.size(),
          probes.stream().mapToLong(p -> p.latency().toMillis()).max().orElseThrow());
    }
  }
}
