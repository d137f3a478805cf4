package io.cascade4j.core.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.testkit.EnsembleProviderCompatibilityKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticEnsembleProviderTest extends EnsembleProviderCompatibilityKit {
  @Override
  protected EnsembleProvider provider() {
    return new LogisticEnsembleProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("intercept", -0.3, "weights", Map.of("a", 1.2, "b", 0.8, "c", -0.1));
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("weights", Map.of("z", 1));
  }

  @Test
  void combinesLogits() {
    List<StageOutcome> members = List.of(
        StageOutcome.ok("a", Evidence.of(0.8), Duration.ZERO),
        StageOutcome.ok("b", Evidence.of(0.3), Duration.ZERO),
        StageOutcome.ok("c", Evidence.abstain(), Duration.ZERO));
    double z = -0.3 + 1.2 * Math.log(0.8 / 0.2) + 0.8 * Math.log(0.3 / 0.7);
    assertThat(Ensembles.logistic(Map.of("a", 1.2, "b", 0.8), -0.3).combine(members).probability())
        .isCloseTo(1 / (1 + Math.exp(-z)), offset(1e-12));
  }
}
