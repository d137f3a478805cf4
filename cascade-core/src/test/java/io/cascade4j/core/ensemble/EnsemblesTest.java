package io.cascade4j.core.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnsemblesTest {
  private static final List<StageOutcome> MEMBERS =
      List.of(
          StageOutcome.ok("yolo", Evidence.of(0.9), Duration.ZERO),
          StageOutcome.ok("detr", Evidence.of(0.3), Duration.ZERO),
          StageOutcome.ok("ocr", Evidence.abstain(), Duration.ZERO),
          StageOutcome.without("vlm", StageStatus.TIMED_OUT, Duration.ZERO, "slow"));

  private static double p(Evidence evidence) {
    return evidence.probability();
  }

  @Test
  void weightedMeanWeighsByMemberName() {
    assertThat(p(Ensembles.weightedMean(Map.of("yolo", 0.45, "detr", 0.55)).combine(MEMBERS)))
        .isCloseTo(0.45 * 0.9 + 0.55 * 0.3, offset(1e-12));
    assertThat(p(Ensembles.weightedMean(Map.of()).combine(MEMBERS))).isCloseTo(0.6, offset(1e-12));
    assertThat(p(Ensembles.weightedMean(Map.of("detr", 0.0)).combine(MEMBERS))).isEqualTo(0.9);
  }

  @Test
  void weightedLogitMeanAveragesLogOdds() {
    double logit = (3 * Math.log(0.9 / 0.1) + Math.log(0.3 / 0.7)) / 4;
    assertThat(p(Ensembles.weightedLogitMean(Map.of("yolo", 3.0)).combine(MEMBERS)))
        .isCloseTo(1 / (1 + Math.exp(-logit)), offset(1e-12));
    List<StageOutcome> certain =
        List.of(StageOutcome.ok("a", Evidence.of(1.0), Duration.ZERO),
            StageOutcome.ok("b", Evidence.of(0.0), Duration.ZERO));
    assertThat(p(Ensembles.weightedLogitMean(Map.of()).combine(certain))).isCloseTo(0.5, offset(1e-9));
  }

  @Test
  void majorityVoteCountsWeightedVotes() {
    assertThat(p(Ensembles.majorityVote(Map.of(), 0.5).combine(MEMBERS))).isEqualTo(0.5);
    assertThat(p(Ensembles.majorityVote(Map.of("yolo", 3.0), 0.5).combine(MEMBERS))).isEqualTo(0.75);
    assertThat(p(Ensembles.majorityVote(Map.of(), 0.2).combine(MEMBERS))).isEqualTo(1.0);
  }

  @Test
  void minAndMaxTakeTheExtremes() {
    assertThat(p(Ensembles.min().combine(MEMBERS))).isEqualTo(0.3);
    assertThat(p(Ensembles.max().combine(MEMBERS))).isEqualTo(0.9);
    assertThat(Ensembles.max().combine(MEMBERS.subList(2, 4)).hasOpinion()).isFalse();
  }

  @Test
  void negativeWeightsAreRejected() {
    assertThatThrownBy(() -> Ensembles.weightedMean(Map.of("yolo", -1.0)))
        .hasMessage("weight of member 'yolo' must be finite and >= 0, got -1.0");
  }
}
