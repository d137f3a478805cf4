package io.cascade4j.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.vision.image.RgbImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Resampling only a window of a resize gives exactly the bytes of resizing everything and cutting the window out
 * (the centre-crop fusion the image path relies on), for every filter, up and down, one axis or both.
 */
class AntialiasedResizeRegionTest {
  @Test
  void aRegionIsTheSameBytesAsTheWholeResizeCut() {
    SplittableRandom random = new SplittableRandom(19);
    int[][] sizes = {{224, 224, 256, 256}, {1920, 1080, 455, 256}, {300, 200, 300, 150}, {200, 300, 150, 300},
        {97, 61, 400, 250}, {640, 480, 64, 48}};
    for (Interpolation mode : Interpolation.values()) {
      for (AntialiasedResize.FixedPoint fixedPoint : AntialiasedResize.FixedPoint.values()) {
        for (int[] size : sizes) {
          byte[] pixels = new byte[size[0] * size[1] * 3];
          random.nextBytes(pixels);
          RgbImage source = RgbImage.wrap(size[0], size[1], pixels);
          RgbImage whole = AntialiasedResize.resize(source, size[2], size[3], mode, fixedPoint);
          for (int trial = 0; trial < 4; trial++) {
            int w = 1 + random.nextInt(size[2]);
            int h = 1 + random.nextInt(size[3]);
            int left = random.nextInt(size[2] - w + 1);
            int top = random.nextInt(size[3] - h + 1);
            RgbImage region = AntialiasedResize.resizeRegion(source, size[2], size[3], mode, fixedPoint, left, top,
                w, h);
            assertThat(region.pixels()).as("%s %s %s window %dx%d at %d,%d", mode, fixedPoint,
                java.util.Arrays.toString(size), w, h, left, top).isEqualTo(whole.crop(left, top, w, h).pixels());
          }
        }
      }
    }
  }
}
