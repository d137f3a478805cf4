package io.cascade4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.api.StepResult;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitPoliciesTest {
  private static final TestQueryContext CONTEXT = TestQueryContext.of(Query.of(TestImages.notAnImage()));

  private static StepResult single(double p) {
    return new StepResult("s", Evidence.of(p), List.of(StageOutcome.ok("s", Evidence.of(p), Duration.ZERO)), CONTEXT);
  }

  private static StepResult group(Double... probabilities) {
    List<StageOutcome> members = new ArrayList<>();
    for (int i = 0; i < probabilities.length; i++) {
      members.add(probabilities[i] == null
          ? StageOutcome.without("m" + i, StageStatus.FAILED, Duration.ZERO, "x")
          : StageOutcome.ok("m" + i, Evidence.of(probabilities[i]), Duration.ZERO));
    }
    return new StepResult("g", Evidence.of(0.5), members, CONTEXT);
  }

  @Test
  void bandExitsAtAndBeyondItsEdges() {
    ExitPolicy band = ExitPolicies.band(0.05, 0.95);
    assertThat(band.shouldExit(single(0.05))).isTrue();
    assertThat(band.shouldExit(single(0.0))).isTrue();
    assertThat(band.shouldExit(single(0.95))).isTrue();
    assertThat(band.shouldExit(single(0.0501))).isFalse();
    assertThat(band.shouldExit(single(0.9499))).isFalse();
    assertThatThrownBy(() -> ExitPolicies.band(0.6, 0.4)).hasMessageContaining("0 <= low < high <= 1");
  }

  @Test
  void agreementNeedsEnoughMembersOnOneSideByTheMargin() {
    ExitPolicy agreement = ExitPolicies.agreement(0.5, 0.2, 1.0, 2);
    assertThat(agreement.shouldExit(group(0.9, 0.75))).isTrue();
    assertThat(agreement.shouldExit(group(0.1, 0.3, null))).isTrue();
    assertThat(agreement.shouldExit(group(0.9, 0.65))).as("0.65 is within the margin").isFalse();
    assertThat(agreement.shouldExit(group(0.9, 0.1))).as("opposite sides").isFalse();
    assertThat(agreement.shouldExit(group(0.9, null))).as("one voter is not enough").isFalse();
    assertThat(agreement.shouldExit(single(0.99))).isFalse();
    assertThat(ExitPolicies.agreement(0.5, 0.2, 0.1, 2).shouldExit(group(0.99, 0.75))).as("spread").isFalse();
  }

  @Test
  void alwaysAndNever() {
    assertThat(ExitPolicies.always().shouldExit(single(0.5))).isTrue();
    assertThat(ExitPolicies.never().shouldExit(single(1.0))).isFalse();
  }
}
