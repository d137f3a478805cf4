package io.cascade4j.vision.image;

import io.cascade4j.core.image.ImageDecodingException;
import io.cascade4j.core.image.ImageHeader;
import io.cascade4j.core.image.ImageLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = ImageDecoderTest.class.getResourceAsStream("/preprocess/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void headerGivesSizeWithoutDecoding() throws IOException {
    assertThat(ImageHeader.read(fixture("sn72_0.jpg"))).isEqualTo(new ImageHeader(ImageHeader.Format.JPEG, 224, 224));
    assertThat(ImageHeader.read(fixture("small.png"))).isEqualTo(new ImageHeader(ImageHeader.Format.PNG, 97, 131));
  }

  @Test
  void decodesJpegAndPngToRgb() throws IOException {
    RgbImage png = ImageDecoder.standard().decode(fixture("small.png"));
    assertThat(png.width()).isEqualTo(97);
    assertThat(png.height()).isEqualTo(131);
    RgbImage jpeg = ImageDecoder.standard().decode(fixture("road_0.jpg"));
    assertThat(jpeg.width()).isEqualTo(283);
  }

  @Test
  void refusesTooManyPixelsBeforeDecoding() throws IOException {
    ImageDecoder tight = new ImageDecoder(new ImageLimits(1 << 20, 224L * 223), ExifOrientation.IGNORE);
    assertThatThrownBy(() -> tight.decode(fixture("sn72_0.jpg")))
        .isInstanceOf(ImageDecodingException.class).hasMessageContaining("224x224").hasMessageContaining("limit");
  }

  @Test
  void refusesOversizedEncodedBytes() throws IOException {
    ImageDecoder tight = new ImageDecoder(new ImageLimits(100, 1_000_000), ExifOrientation.IGNORE);
    assertThatThrownBy(() -> tight.decode(fixture("small.png")))
        .isInstanceOf(ImageDecodingException.class).hasMessageContaining("more than the limit of 100");
  }

  @Test
  void bombHeaderIsRefusedWithoutAllocating() throws IOException {
    byte[] png = fixture("small.png");
    byte[] bomb = png.clone();
    // IHDR width and height claim 60000 x 60000 (3.6 gigapixels).
    for (int offset : new int[] {16, 20}) {
      bomb[offset] = 0;
      bomb[offset + 1] = 0;
      bomb[offset + 2] = (byte) 0xEA;
      bomb[offset + 3] = 0x60;
    }
    assertThatThrownBy(() -> ImageDecoder.standard().decode(bomb))
        .isInstanceOf(ImageDecodingException.class).hasMessageContaining("60000x60000");
  }

  @Test
  void truncatedAndNonImageBytesGiveClearErrors() throws IOException {
    byte[] jpeg = fixture("sn72_0.jpg");
    assertThatThrownBy(() -> ImageDecoder.standard().decode(Arrays.copyOf(jpeg, jpeg.length / 2)))
        .isInstanceOf(ImageDecodingException.class).hasMessageContaining("truncated JPEG");
    byte[] png = fixture("small.png");
    assertThatThrownBy(() -> ImageDecoder.standard().decode(Arrays.copyOf(png, png.length / 2)))
        .isInstanceOf(ImageDecodingException.class).hasMessageContaining("PNG");
    assertThatThrownBy(() -> ImageDecoder.standard().decode("hello, not an image".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII)))
        .isInstanceOf(ImageDecodingException.class).hasMessageContaining("not a JPEG, PNG, WebP or BMP");
    assertThatThrownBy(() -> ImageDecoder.standard().decode(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}))
        .isInstanceOf(ImageDecodingException.class);
  }

  @Test
  void exifOrientationIsAppliedOnlyWhenAsked() throws IOException {
    byte[] rotated;
    try (InputStream in = ImageDecoderTest.class.getResourceAsStream("/decoding/exif-rotated.jpg")) {
      rotated = in.readAllBytes();
    }
    assertThat(ImageDecoder.standard().decode(rotated).width()).isEqualTo(61);
    RgbImage applied = new ImageDecoder(ImageLimits.DEFAULT, ExifOrientation.APPLY).decode(rotated);
    assertThat(applied.width()).isEqualTo(47);
    assertThat(applied.height()).isEqualTo(61);
  }
}
