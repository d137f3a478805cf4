package io.cascade4j.scenes;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One generated street scene and what was drawn in it.
 *
 * @param seed the seed that made it: {@code SceneGenerator.generate(seed)} draws it again, pixel for pixel
 * @param label 1 if it shows roadwork, else 0
 * @param image the picture
 * @param objects what was drawn, with boxes in image pixels; roadwork objects and distractors alike
 * @param conditions light, weather, blur, noise and viewpoint, as drawn
 */
public record Scene(long seed, int label, BufferedImage image, List<DrawnObject> objects, Conditions conditions) {
  public Scene {
    objects = List.copyOf(objects);
  }

  /**
   * An object in the scene.
   *
   * @param role {@code cone}, {@code barrier}, {@code worker}, {@code sign}, {@code machinery} (roadwork), or a
   *     distractor: {@code car}, {@code pedestrian}, {@code other-sign}, {@code end-sign}, {@code cone-stack}
   * @param roadwork whether it is evidence of roadwork (an END ROAD WORK sign or cones stacked off the road are not)
   * @param box x1, y1, x2, y2 in pixels
   * @param text the sign's text, or empty
   */
  public record DrawnObject(String role, boolean roadwork, int[] box, String text) {}

  /**
   * How the scene was drawn.
   *
   * @param light {@code day}, {@code overcast} or {@code dusk}
   * @param weather {@code clear}, {@code rain} or {@code fog}
   * @param blur box-blur radius in pixels (0 = none)
   * @param noise Gaussian noise standard deviation in 0..255 levels
   * @param horizon the horizon's height as a share of the image height
   */
  public record Conditions(String light, String weather, int blur, double noise, double horizon) {}
}
