package io.cascade4j.detection.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Settings;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.detection.box.Box;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.testkit.EnsembleProviderCompatibilityKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoxFusionEnsembleTest extends EnsembleProviderCompatibilityKit {
  @Override
  protected EnsembleProvider provider() {
    return new BoxFusionEnsembleProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("weights", Map.of("a", 2.0), "rule", Map.of("at-least", Map.of("cone", 2)));
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("weights", Map.of("zz", 1.0), "rule", Map.of("at-least", Map.of("cone", 2)));
  }

  /** A detector that saw cones at the given x offsets (boxes 20 px wide), each with {@code score}. */
  private static StageOutcome detector(String name, double score, int... xs) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int x : xs) {
      objects.add(DetectedObjects.toExtra("cone", new Box(x, 10, x + 20, 40, score, 0)));
    }
    return StageOutcome.ok(name, Evidence.of(0.5).withExtra(DetectedObjects.EXTRA, objects), Duration.ZERO);
  }

  @Test
  void objectsBothDetectorsSawCountAndLoneOnesDoNot() throws Exception {
    var ensemble = provider().create(Settings.of(Map.of("min-score", 0.5,
        "rule", Map.of("at-least", Map.of("cone", 2)))), List.of("a", "b"));
    // Both see cones at 0 and 100 (a little shifted): fused scores stay at 0.8, two cones -> positive.
    Evidence agree = ensemble.combine(List.of(detector("a", 0.8, 0, 100), detector("b", 0.8, 2, 101)));
    assertThat(agree.probability()).isEqualTo(0.9);
    assertThat((List<?>) agree.extras().get(DetectedObjects.EXTRA)).hasSize(2);
    // Each sees a different cone: each fused box is halved to 0.4 (one of two models), below min-score -> negative.
    Evidence apart = ensemble.combine(List.of(detector("a", 0.8, 0), detector("b", 0.8, 200)));
    assertThat(apart.probability()).isEqualTo(0.1);
    assertThat((List<?>) apart.extras().get(DetectedObjects.EXTRA)).hasSize(2);
  }

  @Test
  void membersWithoutObjectsMakeItAbstain() throws Exception {
    var ensemble = provider().create(Settings.of(validSettings()), members());
    assertThat(ensemble.combine(List.of(StageOutcome.ok("a", Evidence.of(0.7), Duration.ZERO))).hasOpinion())
        .isFalse();
  }
}
