package io.cascade4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.api.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExitPolicyProvider} and its {@link ExitPolicy} owe the engine: discovery, a well-formed type id,
 * clear configuration errors with key paths, and decisions that are deterministic and thread-safe over any evidence
 * (single stages and groups, with members that abstained or failed).
 *
 * <pre>{@code
 * class BandExitPolicyProviderTest extends ExitPolicyProviderCompatibilityKit {
 *   protected ExitPolicyProvider provider() { return new BandExitPolicyProvider(); }
 *   protected Map<String, Object> validSettings() { return Map.of("low", 0.1, "high", 0.9); }
 *   protected Map<String, Object> invalidSettings() { return Map.of("low", 0.9, "high", 1.7); }
 * }
 * }</pre>
 */
public abstract class ExitPolicyProviderCompatibilityKit
    extends ProviderCompatibilityKit<ExitPolicyProvider, ExitPolicy> {

  @Override
  final Class<ExitPolicyProvider> service() {
    return ExitPolicyProvider.class;
  }

  @Override
  final ExitPolicy create(ExitPolicyProvider provider, Settings settings) throws Exception {
    return provider.create(settings);
  }





  @Test
  void decisionsAreDeterministic() throws Exception {
    ExitPolicy policy = createFromValidSettings();
    for (StepResult step : randomSteps(500, 11)) {
      boolean first = policy.shouldExit(step);
      assertThat(policy.shouldExit(step)).as("decision for %s", step).isEqualTo(first);
    }
  }

  @Test
  void concurrentDecisionsAreSafe() throws Exception {
    ExitPolicy policy = createFromValidSettings();
    List<StepResult> steps = randomSteps(200, 12);
    List<Boolean> expected = new ArrayList<>();
    for (StepResult step : steps) {
      expected.add(policy.shouldExit(step));
    }
    AtomicInteger next = new AtomicInteger();
    List<Boolean> matches =
        ProviderChecks.concurrently(
            8,
            steps.size(),
            () -> {
              int i = Math.floorMod(next.getAndIncrement(), steps.size());
              return policy.shouldExit(steps.get(i)) == expected.get(i);
            });
    assertThat(matches).containsOnly(true);
  }

  /**
   * Random steps whose evidence has an opinion (as the engine guarantees): single stages and groups of 2 to 5
   * members, some of which abstained or failed.
   */
  protected static List<StepResult> randomSteps(int count, long seed) {
    Random random = new Random(seed);
    TestQueryContext context = TestQueryContext.of(Query.of(TestImages.notAnImage()));
    List<StepResult> steps = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      int size = random.nextBoolean() ? 1 : 2 + random.nextInt(4);
      List<StageOutcome> members = new ArrayList<>();
      for (int m = 0; m < size; m++) {
        String name = "member-" + m;
        int kind = size == 1 ? 0 : random.nextInt(5);
        members.add(
            switch (kind) {
              case 3 -> StageOutcome.ok(name, Evidence.abstain(), Duration.ofMillis(1));
              case 4 -> StageOutcome.without(name, StageStatus.FAILED, Duration.ofMillis(1), "scripted failure");
              default -> StageOutcome.ok(name, Evidence.of(extremeOrAny(random)), Duration.ofMillis(1));
            });
      }
      double combined =
          members.stream().filter(StageOutcome::hasOpinion).mapToDouble(o -> o.evidence().probability())
              .average().orElse(extremeOrAny(random));
      steps.add(new StepResult(size == 1 ? "member-0" : "group", Evidence.of(combined), members, context));
    }
    return steps;
  }

  private static double extremeOrAny(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0.0;
      case 1 -> 1.0;
      default -> random.nextDouble();
    };
  }
}
