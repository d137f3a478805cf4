package io.cascade4j.vision.image;

import io.cascade4j.core.image.ImageDecodingException;
import io.cascade4j.core.image.ImageHeader;
import io.cascade4j.core.image.ImageLimits;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

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
 * <p>The pixel limit is a cost budget as well: a JPEG with more pixels than {@link ImageLimits#maxDecodedPixels()} is
 * decoded at 1/2, 1/4 or 1/8 scale by libjpeg itself (the time and memory of the smaller image; the pixels are close
 * to, not equal to, a full decode followed by a resize), and other formats above it are refused, since their decoders
 * cannot scale. Images within it decode exactly as PIL does.
 *
 * <p>Thread-safe. Stages in one query share one decode through {@link #decodeOnce(QueryContext)}, which also waits
 * for room in the process's {@link DecodeBudget}.
 */
public final class ImageDecoder {
  /** Where a query's decoded image lives, so the first stage that needs pixels decodes and the rest reuse them. */
  public static final ContextKey<RgbImage> DECODED = ContextKey.of("vision.decoded-rgb", RgbImage.class);
  private static final ContextKey<RgbImage> DECODED_HALF = ContextKey.of("vision.decoded-rgb-1/2", RgbImage.class);
  private static final ContextKey<RgbImage> DECODED_QUARTER = ContextKey.of("vision.decoded-rgb-1/4", RgbImage.class);
  private static final ContextKey<RgbImage> DECODED_EIGHTH = ContextKey.of("vision.decoded-rgb-1/8", RgbImage.class);

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

  /**
   * The query's image, decoded by the first caller and shared with every later stage of the same query. The decoded
   * pixels count against the shared {@link DecodeBudget} until the query ends; waiting for room ends at the query's
   * deadline.
   *
   * @throws ImageDecodingException if the image breaks a limit or is corrupt
   * @throws java.util.concurrent.RejectedExecutionException if no room was free in the decode budget in time
   */
  public RgbImage decodeOnce(QueryContext context) {
    return decodeOnce(context, DecodeBudget.shared());
  }

  /** {@link #decodeOnce(QueryContext)} drawing on {@code budget} instead of the shared one. */
  RgbImage decodeOnce(QueryContext context, DecodeBudget budget) {
    return context.computeIfAbsent(DECODED, c -> decodeWithin(c, budget, 1));
  }

  /** How far a stage lets a JPEG of a given size be scaled down while decoding: 1 (exact), 2, 4 or 8. */
  @FunctionalInterface
  public interface Reduction {
    /** Decode exactly. */
    Reduction EXACT = (width, height) -> 1;

    /** The factor for an image of {@code width x height}. */
    int factor(int width, int height);
  }

  /**
   * The query's image decoded at the scale {@code reduction} allows (JPEG only; other formats decode exactly), shared
   * with every stage of the query that asks for the same scale: stages that agree decode once, a stage that needs
   * the exact pixels gets its own decode.
   */
  public RgbImage decodeOnce(QueryContext context, Reduction reduction) {
    if (reduction == Reduction.EXACT) {
      return decodeOnce(context);
    }
    EncodedImage image = context.query().image();
    requireSize(image.size());
    int factor = factor(ImageHeader.read(image.toByteArray()), reduction);
    ContextKey<RgbImage> key = switch (factor) {
      case 1 -> DECODED;
      case 2 -> DECODED_HALF;
      case 4 -> DECODED_QUARTER;
      default -> DECODED_EIGHTH;
    };
    return context.computeIfAbsent(key, c -> decodeWithin(c, DecodeBudget.shared(), factor));
  }

  /** {@link #decode(byte[])} at the scale {@code reduction} allows (JPEG only). */
  public RgbImage decode(byte[] bytes, Reduction reduction) {
    Plan needed = plan(bytes);
    return decode(bytes, new Plan(needed.header(), Math.max(needed.reduction(), factor(needed.header(), reduction))));
  }

  private static int factor(ImageHeader header, Reduction reduction) {
    return header.format() != ImageHeader.Format.JPEG ? 1
        : Integer.highestOneBit(Math.clamp(reduction.factor(header.width(), header.height()), 1, 8));
  }

  private RgbImage decodeWithin(QueryContext context, DecodeBudget budget, int requestedReduction) {
    EncodedImage image = context.query().image();
    requireSize(image.size());
    byte[] bytes = image.toByteArray();
    Plan needed = plan(bytes);
    Plan plan = new Plan(needed.header(), Math.max(needed.reduction(), requestedReduction));
    DecodeBudget.Lease held = budget.hold(plan.decodedPixels(), context.remaining());
    context.closeWhenDone(held);
    try {
      if (context.remaining().isNegative() || context.remaining().isZero()) {
        throw new java.util.concurrent.RejectedExecutionException("the query's deadline passed while waiting to decode");
      }
      DecodeBudget.Lease slot = budget.decodeSlot(context.remaining());
      try {
        return decode(bytes, plan);
      } finally {
        slot.close();
      }
    } catch (RuntimeException e) {
      held.close(); // the image never came to be: give its room back now, not at the end of the query
      throw e;
    }
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
    return decode(bytes, plan(bytes));
  }

  /** What a decode of these bytes will produce, from the header alone. */
  private record Plan(ImageHeader header, int reduction) {
    long decodedPixels() {
      return (long) ((header.width() + reduction - 1) / reduction) * ((header.height() + reduction - 1) / reduction);
    }
  }

  private Plan plan(byte[] bytes) {
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
    if (header.pixels() <= limits.maxDecodedPixels()) {
      return new Plan(header, 1);
    }
    int reduction = header.format() == ImageHeader.Format.JPEG
        ? limits.jpegReduction(header.width(), header.height()) : 0;
    if (reduction == 0) {
      throw new ImageDecodingException(header.format() + " of " + header.width() + "x" + header.height() + " = "
          + header.pixels() + " pixels is more than the decode budget of " + limits.maxDecodedPixels()
          + (header.format() == ImageHeader.Format.JPEG ? " even at 1/8 scale"
              : " and its decoder cannot scale while decoding (only JPEG can)")
          + " (raise max-decoded-pixels to accept it)");
    }
    return new Plan(header, reduction);
  }

  private RgbImage decode(byte[] bytes, Plan plan) {
    ImageHeader header = plan.header();
    int colour = switch (plan.reduction()) {
      case 1 -> IMREAD_COLOR;
      case 2 -> IMREAD_REDUCED_COLOR_2;
      case 4 -> IMREAD_REDUCED_COLOR_4;
      default -> IMREAD_REDUCED_COLOR_8;
    };
    // Straight to RGB: the decoder writes the channels in that order (libjpeg's own output order), instead of BGR
    // and a second pass over every pixel to swap them; a swap changes no value, so the pixels are the same.
    // IMREAD_COLOR_RGB replaces the BGR colour bit that the reduced-scale flags carry (OpenCV refuses both).
    int flags = (colour & ~IMREAD_COLOR) | IMREAD_COLOR_RGB | (orientation == ExifOrientation.IGNORE ? IMREAD_IGNORE_ORIENTATION : 0);
    try (BytePointer data = new BytePointer(bytes);
        Mat encoded = new Mat(1, bytes.length, CV_8UC1, data);
        Mat rgb = imdecode(encoded, flags)) {
      if (rgb.empty()) {
        throw new ImageDecodingException("corrupt or truncated " + header.format() + ": OpenCV could not decode "
            + bytes.length + " bytes");
      }
      int width = rgb.cols();
      int height = rgb.rows();
      if ((long) width * height > Math.max(plan.decodedPixels(), limits.maxDecodedPixels())) { // a lying header
        throw new ImageDecodingException("decoded " + width + "x" + height + " pixels, more than the decode budget of "
            + limits.maxDecodedPixels());
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
