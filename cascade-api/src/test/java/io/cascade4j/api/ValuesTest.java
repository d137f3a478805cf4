package io.cascade4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void evidenceRejectsAnythingButAProbability() {
    for (double bad : new double[] {Double.NaN, -0.01, 1.01, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Evidence.of(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("a probability must be finite and within [0, 1], got ");
    }
    assertThat(Evidence.of(0.0).hasOpinion()).isTrue();
    assertThat(Evidence.abstain().hasOpinion()).isFalse();
    assertThatThrownBy(() -> Evidence.abstain().probability()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void evidenceExtrasAreTypedAndImmutable() {
    Evidence evidence = Evidence.of(0.8).withExtra("text", "ROAD WORK").withExtra("count", 3);
    assertThat(evidence.extra("text", String.class)).contains("ROAD WORK");
    assertThat(evidence.extra("count", String.class)).isEmpty();
    assertThat(evidence.extras()).containsOnlyKeys("text", "count");
    assertThatThrownBy(() -> evidence.extras().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(Evidence.of(0.8).extras()).isEmpty();
  }

  @Test
  void encodedImagesCopyTheirBytes() {
    byte[] bytes = {1, 2, 3};
    EncodedImage image = EncodedImage.jpeg(bytes);
    bytes[0] = 9;
    assertThat(image.toByteArray()).containsExactly(1, 2, 3);
    image.toByteArray()[1] = 9;
    assertThat(image.asByteBuffer().get(1)).isEqualTo((byte) 2);
    assertThat(image.asByteBuffer().isReadOnly()).isTrue();
    assertThatThrownBy(() -> EncodedImage.of("JPEG", bytes)).hasMessageContaining("lower case type/subtype");
    assertThatThrownBy(() -> EncodedImage.png(new byte[0])).hasMessageContaining("at least one byte");
    assertThatThrownBy(() -> EncodedImage.adopt("image/png", new byte[0])).hasMessageContaining("at least one byte");
    assertThatThrownBy(() -> EncodedImage.adopt("PNG", bytes)).hasMessageContaining("lower case type/subtype");
  }

  @Test
  void adoptedBytesAreTheImagesOwnAndDigestWithoutAView() throws Exception {
    byte[] handedOver = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 7};
    EncodedImage image = EncodedImage.adopt("image/jpeg", handedOver);
    handedOver[3] = 8; // what the contract forbids, done here to show that no copy was made
    assertThat(image.asByteBuffer().get(3)).isEqualTo((byte) 8);
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    image.digestInto(digest);
    assertThat(digest.digest()).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(handedOver));
  }

  @Test
  void queriesNeedAnImageAndAnId() {
    EncodedImage image = EncodedImage.png(new byte[] {1});
    Query clip = Query.builder(image).frame(image).id("c").attribute("caller", "5F...").build();
    assertThat(clip.isSequence()).isTrue();
    assertThat(clip.attributes()).containsEntry("caller", "5F...");
    assertThat(Query.of(image).id()).hasSize(36);
    assertThatThrownBy(() -> new Query("q", List.of(), null, java.util.Map.of())).hasMessageContaining("at least one");
  }

  @Test
  void outcomesAndAnswersCheckTheirInvariants() {
    assertThatThrownBy(() -> new StageOutcome("s", StageStatus.FAILED, Evidence.of(0.5), Duration.ZERO, "x"))
        .hasMessageContaining("cannot carry an opinion");
    assertThatThrownBy(() -> new Answer("q", 0.5, Answer.Resolution.FALLBACK, "s", List.of(), Duration.ZERO))
        .hasMessageContaining("decidedBy must be null exactly when");
    assertThatThrownBy(() -> new Answer("q", 1.5, Answer.Resolution.EXIT, "s", List.of(), Duration.ZERO))
        .hasMessageContaining("within [0, 1]");
    assertThat(new ConfigurationException(List.of(new Problem("a", "x"), new Problem("b", "y"))).getMessage())
        .isEqualTo("2 configuration problems:\n  a: x\n  b: y");
  }

  @Test
  void suggestionsFindTypos() {
    assertThat(Suggestions.closest("clasifier", List.of("classifier", "yolo"))).contains("classifier");
    assertThat(Suggestions.closest("zzz", List.of("classifier", "yolo"))).isEmpty();
  }
}
