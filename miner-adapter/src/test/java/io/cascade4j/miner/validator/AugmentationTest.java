package io.cascade4j.miner.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  static BufferedImage solid(int w, int h, Color c) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }

  @Test
  void everyLevelEndsAt224AndSaysWhatItDid() {
    BufferedImage photo = solid(640, 360, new Color(200, 120, 40));
    Random random = new Random(3);
    for (int level = 0; level < 4; level++) {
      for (int i = 0; i < 10; i++) {
        List<String> steps = new ArrayList<>();
        BufferedImage out = Augmentation.apply(photo, level, random, steps);
        assertThat(out.getWidth()).isEqualTo(224);
        assertThat(out.getHeight()).isEqualTo(224);
        assertThat(steps).isNotEmpty();
        if (level == 0) {
          assertThat(steps).containsExactly("center-crop");
        } else {
          assertThat(steps.get(0)).startsWith("rotate");
          assertThat(steps.get(1)).startsWith("crop");
        }
      }
    }
  }

  @Test
  void levelZeroIsTheCentreSquare() {
    BufferedImage photo = solid(300, 100, Color.BLACK);
    Graphics2D g = photo.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(100, 0, 100, 100); // exactly the centre square
    g.dispose();
    BufferedImage out = Augmentation.apply(photo, 0, new Random(1), new ArrayList<>());
    assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(out.getRGB(223, 223) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void rotationLeavesBlackCornersAndKeepsTheCentre() {
    BufferedImage out = Augmentation.rotate(solid(200, 200, Color.WHITE), 20);
    assertThat(out.getRGB(0, 0) & 0xFFFFFF).isZero();
    assertThat(out.getRGB(100, 100) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void distortionsDoWhatTheirNamesSay() {
    BufferedImage orange = solid(32, 32, new Color(240, 120, 20));
    int grey = Augmentation.saturation(orange, 0).getRGB(5, 5);
    assertThat((grey >> 16) & 0xFF).isCloseTo(grey & 0xFF, within(1)); // no chroma left
    int dimmer = Augmentation.contrast(orange, 0.5).getRGB(5, 5);
    assertThat((dimmer >> 16) & 0xFF).isEqualTo(120);
    assertThat(Augmentation.blur(orange, 9).getRGB(0, 0)).isEqualTo(orange.getRGB(0, 0)); // edges replicated
    assertThat(Augmentation.resample(orange, 3).getRGB(31, 31)).isEqualTo(orange.getRGB(31, 31));
    BufferedImage noisy = Augmentation.noise(solid(128, 128, new Color(128, 128, 128)), 0.002, new Random(5));
    double sum = 0;
    double squares = 0;
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        double v = (noisy.getRGB(x, y) >> 8) & 0xFF;
        sum += v;
        squares += v * v;
      }
    }
    double n = 128 * 128;
    double variance = squares / n - (sum / n) * (sum / n);
    // Noise of variance 0.002 on Y, Cb and Cr; green mixes all three: about 0.002 * 255^2 * (1 + 0.344^2 + 0.714^2)
    assertThat(variance).isBetween(150.0, 260.0);
  }

  @Test
  void challengesAreJpegsAtQuality75() throws Exception {
    byte[] jpeg = Augmentation.jpeg(solid(224, 224, Color.ORANGE));
    assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
    assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(back.getWidth()).isEqualTo(224);
    // The luminance quantisation table of IJG quality 75: its first entry is 16 * 50 / 100 = 8.
    int dqt = indexOf(jpeg, (byte) 0xFF, (byte) 0xDB);
    assertThat(jpeg[dqt + 5] & 0xFF).isEqualTo(8);
  }

  private static int indexOf(byte[] b, byte x, byte y) {
    for (int i = 0; i + 1 < b.length; i++) {
      if (b[i] == x && b[i + 1] == y) {
        return i;
      }
    }
    return -1;
  }
}
