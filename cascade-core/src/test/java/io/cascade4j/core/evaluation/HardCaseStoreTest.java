package io.cascade4j.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.testkit.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardCaseStoreTest {
  private static Answer answer(double p, double... stages) {
    List<StageOutcome> trace = new java.util.ArrayList<>();
    for (int i = 0; i < stages.length; i++) {
      trace.add(StageOutcome.ok("s" + i, Evidence.of(stages[i]), Duration.ofMillis(2)));
    }
    return new Answer("q", p, Answer.Resolution.EXIT, "s0", trace, Duration.ofMillis(3));
  }

  private static Query query(int red) {
    return Query.builder(TestImages.png(TestImages.solid(8, 8, new Color(red, 0, 0)))).id("q" + red).build();
  }

  @Test
  void keepsLowConfidenceAndDisagreementWithinItsBounds(@TempDir Path dir) throws Exception {
    HardCaseStore store = new HardCaseStore(0.1, 3, 1_000_000);
    assertThat(store.offer(query(1), answer(0.95, 0.95, 0.9))).as("confident and agreed").isFalse();
    assertThat(store.offer(query(2), answer(0.55, 0.55))).as("low confidence").isTrue();
    assertThat(store.offer(query(3), answer(0.9, 0.9, 0.2))).as("stages disagree").isTrue();
    store.offer(query(4), answer(0.52, 0.52));
    store.offer(query(5), answer(0.48, 0.48));
    assertThat(store.cases()).extracting(c -> c.query().id()).containsExactly("q3", "q4", "q5");
    assertThat(store.cases().getFirst().reason()).isEqualTo("stages disagree");

    store.writeTo(dir);
    assertThat(Files.readString(dir.resolve("labels.csv")))
        .startsWith("file,label,reason\ncase-00000.png,,stages disagree\n");
    assertThat(Files.readString(dir.resolve("case-00000.json"))).contains("\"reason\" : \"stages disagree\"")
        .contains("\"stage\" : \"s1\"");
    // Once labelled, the folder is a labelled image set.
    Files.writeString(dir.resolve("labels.csv"), Files.readString(dir.resolve("labels.csv")).replace(",,", ",1,"));
    assertThat(LabelledImages.read(dir)).hasSize(3);

    HardCaseStore tiny = new HardCaseStore(0.1, 100, query(6).image().size() + 10L);
    tiny.offer(query(6), answer(0.5, 0.5));
    tiny.offer(query(7), answer(0.5, 0.5));
    assertThat(tiny.cases()).as("bounded by bytes: the oldest went").extracting(c -> c.query().id())
        .containsExactly("q7");
    assertThatThrownBy(() -> new HardCaseStore(0.6, 1, 1)).hasMessageContaining("margin");
  }

  @Test
  void calibrationRefusesDataThatCannotSupportTheGuarantee() {
    Evaluation.Table oneClass = new Evaluation.Table("f", List.of("a", "b"), new int[] {1, 1}, List.of("s"),
        new double[][] {{0.9}, {0.8}}, new io.cascade4j.api.StageStatus[][] {{io.cascade4j.api.StageStatus.OK},
            {io.cascade4j.api.StageStatus.OK}}, new long[][] {{1}, {1}});
    assertThatThrownBy(() -> CascadeCalibration.checkEnoughData(oneClass, 0.05, 0.1, 1))
        .hasMessage("the calibration set has 2 positive and 0 negative images; calibration needs both classes");
    Evaluation.Table small = new Evaluation.Table("f", List.of("a", "b"), new int[] {1, 0}, List.of("s"),
        new double[][] {{0.9}, {0.1}}, oneClass.statuses(), oneClass.latencyNanos());
    assertThatThrownBy(() -> CascadeCalibration.checkEnoughData(small, 0.05, 0.1, 2))
        .hasMessage("the calibration set has 2 images; with alpha 0.050 and delta 0.100 over 2 exit(s),"
            + " Learn-then-Test needs at least 119 to show any exit safe");
  }
}
