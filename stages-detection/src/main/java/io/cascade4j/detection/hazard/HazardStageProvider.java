package io.cascade4j.detection.hazard;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.detection.evidence.ObjectRule;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.stage.VisionSettings;
import java.util.Map;

/**
 * The {@code hazard} stage type: a weight-free OpenCV detector of striped cones, barrier boards and hi-vis vests.
 *
 * <pre>{@code
 * - name: hazards
 *   type: hazard
 *   max-side: 800          # the image is shrunk to this longer side first
 *   min-saturation: 110    # of a red-orange or yellow-green pixel, 0..255
 *   min-value: 90          # of a red-orange pixel, 0..255
 *   rule: {at-least: {cone: 1, barrier: 1}}   # the default; see ObjectRule
 * }</pre>
 */
public final class HazardStageProvider implements StageProvider {
  /**
   * A striped cone or a barrier board; vests travel as objects but do not decide alone (a cyclist wears one too).
   * On the shared road photos this finds 2 of 4 roadwork scenes with no false alarm in 18 (docs/detection.md).
   */
  private static final Map<String, Object> DEFAULT_RULE = Map.of("at-least", Map.of("cone", 1, "barrier", 1));

  @Override
  public String type() {
    return "hazard";
  }

  @Override
  public Stage create(Settings s) throws ConfigurationException {
    ImageDecoder decoder = VisionSettings.decoder(s);
    HazardDetector d = HazardDetector.DEFAULT;
    int maxSide = s.intValue("max-side", d.maxSide(), 64, 8192);
    int minSaturation = s.intValue("min-saturation", d.minSaturation(), 0, 255);
    int minValue = s.intValue("min-value", d.minValue(), 0, 255);
    ObjectRule rule = ObjectRule.read(s.has("rule") ? s.section("rule") : Settings.of(s.pathOf("rule"), DEFAULT_RULE));
    s.validate();
    if (rule == null) {
      throw new IllegalStateException("settings validated without a rule");
    }
    return new HazardStage(new HazardDetector(maxSide, minSaturation, minValue), decoder, rule);
  }
}
