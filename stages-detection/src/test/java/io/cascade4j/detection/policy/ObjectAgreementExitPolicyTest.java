package io.cascade4j.detection.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.api.StepResult;
import io.cascade4j.testkit.ExitPolicyProviderCompatibilityKit;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectAgreementExitPolicyTest extends ExitPolicyProviderCompatibilityKit {
  private static final EncodedImage IMAGE = TestImages.png(TestImages.gradient(8, 8));

  @Override
  protected ExitPolicyProvider provider() {
    return new ObjectAgreementExitPolicyProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("roles", List.of("cone", "worker"), "min-objects", 2);
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("min-objects", 0);
  }

  /** A detector outcome that found {@code cones} cones scoring 0.8 and one low-scoring sign. */
  private static StageOutcome detector(String name, int cones) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int i = 0; i < cones; i++) {
      objects.add(Map.of("role", "cone", "score", 0.8, "box", List.of(0.0, 0.0, 1.0, 1.0)));
    }
    objects.add(Map.of("role", "sign", "score", 0.9, "box", List.of(0.0, 0.0, 1.0, 1.0)));
    return StageOutcome.ok(name, Evidence.of(0.5).withExtra("objects", objects), Duration.ZERO);
  }

  private static StepResult group(StageOutcome... members) {
    return new StepResult("detectors", Evidence.of(0.5), List.of(members), TestQueryContext.of(Query.of(IMAGE)));
  }

  @Test
  void exitsOnAgreementOnRoadworkOrOnNothingOnly() {
    ObjectAgreementExitPolicy policy = new ObjectAgreementExitPolicy(Set.of("cone"), 3, 0.5, 2);
    assertThat(policy.shouldExit(group(detector("yolo", 4), detector("detr", 3)))).isTrue();
    assertThat(policy.shouldExit(group(detector("yolo", 0), detector("detr", 0)))).as("signs do not count").isTrue();
    assertThat(policy.shouldExit(group(detector("yolo", 4), detector("detr", 1)))).isFalse();
    assertThat(policy.shouldExit(group(detector("yolo", 4), detector("detr", 0)))).isFalse();
  }

  @Test
  void needsEnoughDetectorsToAnswer() {
    ObjectAgreementExitPolicy policy = new ObjectAgreementExitPolicy(Set.of(), 1, 0.5, 2);
    StageOutcome failed = StageOutcome.without("detr", StageStatus.FAILED, Duration.ZERO, "boom");
    StageOutcome classifier = StageOutcome.ok("gate", Evidence.of(0.9), Duration.ZERO);
    assertThat(policy.shouldExit(group(detector("yolo", 5), failed, classifier))).isFalse();
    assertThat(policy.shouldExit(group(detector("yolo", 5), detector("detr", 0)))).as("the sign counts: all roles")
        .isTrue();
  }
}
