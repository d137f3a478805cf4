package io.cascade4j.ocr;

import io.cascade4j.vision.image.ColourRegions;
import io.cascade4j.vision.image.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where small signs are: blobs of sign orange to sign yellow (construction and warning signs), solid enough and not
 * too elongated, largest first. OCR on a crop of each, enlarged, reads text that is a few pixels high in the whole
 * frame.
 */
final class SignRegions {
  private static final int MAX_SIDE = 800;

  private SignRegions() {}

  /** At most {@code max} sign-coloured regions of {@code image}, with a margin, in original pixels. */
  static List<RgbImage> crops(RgbImage image, int max) {
    if (max == 0) {
      return List.of();
    }
    ColourRegions.Hsv hsv = ColourRegions.hsv(image, MAX_SIDE);
    int pixels = hsv.width() * hsv.height();
    byte[] mask = new byte[pixels];
    for (int p = 0; p < pixels; p++) {
      int h = hsv.hue(p);
      mask[p] = (byte) (h >= 8 && h <= 35 && hsv.saturation(p) >= 110 && hsv.value(p) >= 110 ? 255 : 0);
    }
    List<ColourRegions.Blob> signs = new ArrayList<>();
    for (ColourRegions.Blob b : ColourRegions.blobs(mask, hsv.width(), hsv.height(), Math.max(30, pixels / 400))) {
      double aspect = (double) b.w() / b.h();
      if (aspect >= 0.3 && aspect <= 4 && b.area() >= 0.3 * b.w() * b.h()) {
        signs.add(b);
      }
    }
    signs.sort(Comparator.comparingInt(ColourRegions.Blob::area).reversed());
    List<RgbImage> crops = new ArrayList<>();
    double back = 1 / hsv.scale();
    for (ColourRegions.Blob b : signs.subList(0, Math.min(max, signs.size()))) {
      int marginX = (int) Math.round(b.w() * back * 0.08);
      int marginY = (int) Math.round(b.h() * back * 0.08);
      int x1 = Math.max(0, (int) Math.floor(b.x() * back) - marginX);
      int y1 = Math.max(0, (int) Math.floor(b.y() * back) - marginY);
      int x2 = Math.min(image.width(), (int) Math.ceil(b.right() * back) + marginX);
      int y2 = Math.min(image.height(), (int) Math.ceil(b.bottom() * back) + marginY);
      if (x2 - x1 >= 8 && y2 - y1 >= 8) {
        crops.add(image.crop(x1, y1, x2 - x1, y2 - y1));
      }
    }
    return crops;
  }
}
