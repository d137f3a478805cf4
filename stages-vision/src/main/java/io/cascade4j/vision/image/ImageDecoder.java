package io.cascade4j.vision.image;

import io.cascade4j.core.image.ImageDecodingException;
import io.cascade4j.core.image.ImageHeader;
import io.cascade4j.core.image.ImageLimits;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.cascade4j.api.ContextKey;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.QueryContext;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes JPEG, PNG, WebP and BMP with OpenCV into 8-bit {@link RgbImage}s, the way a Python training pipeline's
 * {@code Image.open(path).convert("RGB")} sees them: grayscale is replicated to three channels, alpha is dropped
 * (not composited), 16-bit samples keep their high byte, and EXIF orientation is ignored unless configured.
 *
 * <p>Every check that protects the process happens before OpenCV allocates: the encoded size, the format and the
 * pixel count from the header ({@link ImageLimits}). Truncated or corrupt data gives an {@link ImageDecodingException}
 * with the reason, never a crash or a partially grey image.
 *
 * <p>Thread-safe. Stages in one query share one decode through {@link #decodeOnce(QueryContext)}.
 */
public final class ImageDecoder {
  /** Where a query's decoded image lives, so the first stage that needs pixels decodes and the rest reuse them. */
  public static final ContextKey<RgbImage> DECODED = ContextKey.of("vision.decoded-rgb", RgbImage.class);

  private final ImageLimits limits;
  private final ExifOrientation orientation;

  public ImageDecoder(ImageLimits limits, ExifOrientation orientation) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.orientation = Objects.requireNonNull(orientation, "orientation");
  }

  /** Default limits, EXIF orientation ignored (as PIL). */
  public static ImageDecoder standard() {
    return new ImageDecoder(ImageLimits.DEFAULT, ExifOrientation.IGNORE);
  }

  /** The query's image, decoded by the first caller and shared with every later stage of the same query. */
  public RgbImage decodeOnce(QueryContext context) {
    return context.computeIfAbsent(DECODED, c -> decode(c.query().image()));
  }

  public RgbImage decode(EncodedImage image) {
    requireSize(image.size()); // before copying the bytes out
    return decode(image.toByteArray());
  }

  /**
   * Decodes raw file bytes.
   *
   * @throws ImageDecodingException if the bytes are too large, not a supported format, truncated or corrupt
   */
  public RgbImage decode(byte[] bytes) {
    requireSize(bytes.length);
    ImageHeader header = ImageHeader.read(bytes);
    if (header.pixels() > limits.maxPixels()) {
      throw new ImageDecodingException(header.format() + " header says " + header.width() + "x" + header.height()
          + " = " + header.pixels() + " pixels, more than the limit of " + limits.maxPixels()
          + " (a decompression bomb, or raise ImageLimits.maxPixels)");
    }
    if (header.format() == ImageHeader.Format.JPEG && !ImageHeader.jpegEndsAfterScan(bytes)) {
      throw new ImageDecodingException("truncated JPEG: the image data ends without an end-of-image marker");
    }
    int flags = IMREAD_COLOR | (orientation == ExifOrientation.IGNORE ? IMREAD_IGNORE_ORIENTATION : 0);
    try (BytePointer data = new BytePointer(bytes);
        Mat encoded = new Mat(1, bytes.length, CV_8UC1, data);
        Mat bgr = imdecode(encoded, flags);
        Mat rgb = new Mat()) {
      if (bgr.empty()) {
        throw new ImageDecodingException("corrupt or truncated " + header.format() + ": OpenCV could not decode "
            + bytes.length + " bytes");
      }
      cvtColor(bgr, rgb, COLOR_BGR2RGB);
      int width = rgb.cols();
      int height = rgb.rows();
      if ((long) width * height > limits.maxPixels()) { // a header that lied about the size
        throw new ImageDecodingException("decoded " + width + "x" + height + " pixels, more than the limit of "
            + limits.maxPixels());
      }
      byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
      Mat continuous = rgb.isContinuous() ? rgb : rgb.clone();
      try {
        continuous.data().get(out);
      } finally {
        if (continuous != rgb) {
          continuous.close();
        }
      }
      return RgbImage.wrap(width, height, out);
    }
  }

  private void requireSize(long bytes) {
    if (bytes > limits.maxEncodedBytes()) {
      throw new ImageDecodingException("encoded image has " + bytes + " bytes, more than the limit of "
          + limits.maxEncodedBytes());
    }
  }
}
