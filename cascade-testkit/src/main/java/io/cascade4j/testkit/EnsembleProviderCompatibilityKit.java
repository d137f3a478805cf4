package io.cascade4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Ensemble;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Settings;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EnsembleProvider} and its {@link Ensemble} owe the engine: discovery, a well-formed type id,
 * clear configuration errors with key paths; outputs that are valid evidence for any input; no opinion when no
 * member has one; failed members count as absent; deterministic and thread-safe.
 *
 * <pre>{@code
 * class WeightedMeanEnsembleProviderTest extends EnsembleProviderCompatibilityKit {
 *   protected EnsembleProvider provider() { return new WeightedMeanEnsembleProvider(); }
 *   protected Map<String, Object> validSettings() { return Map.of("weights", Map.of("a", 2.0)); }
 *   protected Map<String, Object> invalidSettings() { return Map.of("weights", Map.of("zz", -1)); }
 * }
 * }</pre>
 */
public abstract class EnsembleProviderCompatibilityKit
    extends ProviderCompatibilityKit<EnsembleProvider, Ensemble> {

  @Override
  final Class<EnsembleProvider> service() {
    return EnsembleProvider.class;
  }

  /** Creates the ensemble for a group of {@link #members()}. */
  @Override
  final Ensemble create(EnsembleProvider provider, Settings settings) throws Exception {
    return provider.create(settings, members());
  }

  /** The member names of the group the ensemble is made for; {@code a}, {@code b}, {@code c} by default. */
  protected List<String> members() {
    return List.of("a", "b", "c");
  }






  @Test
  void outputsAreValidEvidence() throws Exception {
    Ensemble ensemble = createFromValidSettings();
    for (List<StageOutcome> outcomes : randomGroups(500, 21)) {
      Evidence combined = ensemble.combine(outcomes);
      assertThat(combined).as("combination of %s", outcomes).isNotNull();
      if (outcomes.stream().anyMatch(StageOutcome::hasOpinion)) {
        combined.probabilityIfAny().ifPresent(p -> assertThat(p).isBetween(0.0, 1.0));
      }
    }
  }

  @Test
  void noOpinionWithoutOpinions() throws Exception {
    Ensemble ensemble = createFromValidSettings();
    assertThat(ensemble.combine(List.of()).hasOpinion()).as("no members").isFalse();
    List<StageOutcome> silent = new ArrayList<>();
    for (String member : members()) {
      silent.add(StageOutcome.without(member, StageStatus.FAILED, Duration.ofMillis(3), "scripted failure"));
    }
    assertThat(ensemble.combine(silent).hasOpinion()).as("every member failed").isFalse();
  }

  @Test
  void failedMembersCountAsAbsent() throws Exception {
    Ensemble ensemble = createFromValidSettings();
    Random random = new Random(22);
    for (int i = 0; i < 200; i++) {
      List<StageOutcome> withFailure = new ArrayList<>();
      List<StageOutcome> without = new ArrayList<>();
      String failing = members().get(random.nextInt(members().size()));
      for (String member : members()) {
        if (member.equals(failing)) {
          withFailure.add(StageOutcome.without(member, StageStatus.TIMED_OUT, Duration.ofMillis(9), "scripted"));
        } else {
          StageOutcome ok = StageOutcome.ok(member, Evidence.of(random.nextDouble()), Duration.ofMillis(1));
          withFailure.add(ok);
          without.add(ok);
        }
      }
      assertThat(ensemble.combine(withFailure)).isEqualTo(ensemble.combine(without));
    }
  }

  @Test
  void concurrentCombinationsAreSafe() throws Exception {
    Ensemble ensemble = createFromValidSettings();
    List<List<StageOutcome>> groups = randomGroups(200, 23);
    List<Evidence> expected = new ArrayList<>();
    for (List<StageOutcome> group : groups) {
      expected.add(ensemble.combine(group));
    }
    AtomicInteger next = new AtomicInteger();
    List<Boolean> matches =
        ProviderChecks.concurrently(
            8,
            groups.size(),
            () -> {
              int i = Math.floorMod(next.getAndIncrement(), groups.size());
              return ensemble.combine(groups.get(i)).equals(expected.get(i));
            });
    assertThat(matches).containsOnly(true);
  }

  private List<List<StageOutcome>> randomGroups(int count, long seed) {
    Random random = new Random(seed);
    List<List<StageOutcome>> groups = new ArrayList<>();
    for (int g = 0; g < count; g++) {
      List<StageOutcome> outcomes = new ArrayList<>();
      for (String member : members()) {
        outcomes.add(
            switch (random.nextInt(6)) {
              case 0 -> StageOutcome.without(member, StageStatus.FAILED, Duration.ofMillis(1), "scripted failure");
              case 1 -> StageOutcome.ok(member, Evidence.abstain(), Duration.ofMillis(1));
              case 2 -> StageOutcome.ok(member, Evidence.of(random.nextBoolean() ? 0.0 : 1.0), Duration.ofMillis(1));
              default -> StageOutcome.ok(member, Evidence.of(random.nextDouble()), Duration.ofMillis(1));
            });
      }
      groups.add(outcomes);
    }
    return groups;
  }
}
