package io.cascade4j.detection.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.testkit.TestQueryContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The hazard stage's precision and recall on the labelled photos in {@code shared/data/real-roads} (22 images, 4 with
 * roadwork), with its default rule (a striped cone or a barrier board). The numbers are quoted in
 * docs/detection.md; this test keeps them from getting worse. Under CI the photos must be present.
 */
class HazardRealPhotosTest {
  private static final Path PHOTOS = Path.of("..", "..", "shared", "data", "real-roads");

  @Test
  void precisionAndRecallOnTheSharedRoadPhotos() throws Exception {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(Files.isDirectory(PHOTOS), "shared/data/real-roads is not here");
    }
    List<LabelledImages.Item> items = LabelledImages.read(PHOTOS);
    int tp = 0;
    int fp = 0;
    int fn = 0;
    StringBuilder table = new StringBuilder("image label p objects\n");
    try (Stage stage = new HazardStageProvider().create(Settings.of(Map.of()))) {
      for (LabelledImages.Item item : items) {
        Evidence e = stage.evaluate(TestQueryContext.of(Query.of(item.image())));
        boolean roadwork = e.probability() >= 0.5;
        tp += roadwork && item.label() == 1 ? 1 : 0;
        fp += roadwork && item.label() == 0 ? 1 : 0;
        fn += !roadwork && item.label() == 1 ? 1 : 0;
        table.append(item.name()).append(' ').append(item.label()).append(' ').append(e.probability()).append(' ')
            .append(DetectedObjects.read(e.extras().get(DetectedObjects.EXTRA)).stream()
                .map(f -> f.role() + String.format(" %.0f,%.0f,%.0f,%.0f", f.box().x1(), f.box().y1(), f.box().x2(),
                    f.box().y2())).toList()).append('\n');
      }
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = (double) tp / (tp + fn);
    System.out.printf("hazard stage on real-roads: precision %.2f (%d/%d), recall %.2f (%d/%d)%n%s", precision, tp,
        tp + fp, recall, tp, tp + fn, table);
    assertThat(items).hasSize(22);
    assertThat(fp).as("false alarms on the 18 photos without roadwork").isZero();
    assertThat(tp).as("roadwork photos found, of 4").isGreaterThanOrEqualTo(2);
  }
}
