package io.cascade4j.miner.axon;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.bittensor.protocol.ReceivedSynapse;
import io.cascade4j.core.image.ImageDecodingException;
import io.cascade4j.core.image.ImageHeader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Turns the synapse's base64 {@code image} into an {@link EncodedImage} after cheap checks, so that garbage gets a
 * clear 400 instead of a cascade run: strict standard base64, a size limit, a known image signature (JPEG, PNG,
 * WebP, BMP) and a header whose dimensions are within the pixel limit. Nothing is
 * decoded in full here.
 */
final class ImageCheck {
  private final int maxBytes;
  private final long maxPixels;

  ImageCheck(int maxBytes, long maxPixels) {
    this.maxBytes = maxBytes;
    this.maxPixels = maxPixels;
  }

  /** The image of a received synapse, decoded from base64 where it lies in the body. */
  EncodedImage decode(ReceivedSynapse synapse) throws Rejection {
    int length = synapse.imageLength();
    if (length == 0) {
      throw bad("empty_image", "the synapse has no image");
    }
    if ((long) length * 3 / 4 > maxBytes + 3L) {
      throw new Rejection(413, "image_too_large",
          "image of about " + (long) length * 3 / 4 + " bytes exceeds the limit of " + maxBytes + " bytes");
    }
    byte[] bytes;
    try {
      ByteBuffer decoded = Base64.getDecoder().decode(synapse.imageBuffer());
      // Decoded into an array sized from the text's length and padding: exact for valid base64.
      bytes = decoded.remaining() == decoded.array().length
          ? decoded.array() : Arrays.copyOf(decoded.array(), decoded.remaining());
    } catch (IllegalArgumentException e) {
      throw bad("bad_base64", "image is not standard base64: " + e.getMessage());
    }
    String mediaType = mediaType(bytes);
    if (mediaType == null) {
      throw bad("not_an_image", "image is not a JPEG, PNG, WebP or BMP file");
    }
    checkHeader(bytes);
    return EncodedImage.adopt(mediaType, bytes); // decoded here, held by nothing else: no copy
  }

  /**
   * The dimensions from the file's own header (every format, WebP included), read in microseconds without a decoder:
   * the JDK's ImageIO, used before, skipped WebP and wrote a temporary file per request.
   */
  private void checkHeader(byte[] bytes) throws Rejection {
    ImageHeader header;
    try {
      header = ImageHeader.read(bytes);
    } catch (ImageDecodingException e) {
      throw bad("undecodable_image", "image cannot be decoded: " + e.getMessage());
    }
    if (header.pixels() > maxPixels) {
      throw new Rejection(413, "image_too_large", "image has " + header.width() + "x" + header.height() + " = "
          + header.pixels() + " pixels; at most " + maxPixels + " are accepted");
    }
  }

  static @Nullable String mediaType(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "image/png";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return "image/webp";
    }
    if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
      return "image/bmp";
    }
    return null;
  }

  private static Rejection bad(String reason, String message) {
    return new Rejection(400, reason, message);
  }
}
