package io.cascade4j.core.image;

/**
 * Format and dimensions read from the first bytes of an encoded image, without decoding it. This is what lets the
 * decoder refuse a 30000x30000 PNG of a few kilobytes before OpenCV allocates 2.7 GB for it.
 *
 * @param format the container format
 * @param width pixels per row as the header states it
 * @param height rows as the header states it
 */
public record ImageHeader(Format format, int width, int height) {

  /** The formats this module decodes. */
  public enum Format { JPEG, PNG, WEBP, BMP }

  /** Pixels the decoded image will have. */
  public long pixels() {
    return (long) width * height;
  }

  /**
   * Reads the header.
   *
   * @throws ImageDecodingException when the bytes are not JPEG, PNG, WebP or BMP, or end before the dimensions
   */
  public static ImageHeader read(byte[] b) {
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return jpeg(b);
    }
    if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      require(b, 24, "PNG");
      return of(Format.PNG, int32be(b, 16), int32be(b, 20));
    }
    if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
        && b[11] == 'P') {
      return webp(b);
    }
    if (startsWith(b, 'B', 'M')) {
      require(b, 26, "BMP");
      int headerSize = int32le(b, 14);
      if (headerSize == 12) { // BITMAPCOREHEADER (OS/2): 16-bit dimensions
        return of(Format.BMP, uint16le(b, 18), uint16le(b, 20));
      }
      // A negative height marks a top-down bitmap; the size is its magnitude.
      return of(Format.BMP, int32le(b, 18), Math.abs(int32le(b, 22)));
    }
    throw new ImageDecodingException("not a JPEG, PNG, WebP or BMP image (first bytes " + hex(b) + ")");
  }

  private static ImageHeader jpeg(byte[] b) {
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        throw new ImageDecodingException("corrupt JPEG: expected a marker at byte " + i);
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte before a marker
        i++;
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // markers without a length
        i += 2;
        continue;
      }
      int length = uint16be(b, i + 2);
      boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (startOfFrame) {
        require(b, i + 9, "JPEG");
        return of(Format.JPEG, uint16be(b, i + 7), uint16be(b, i + 5));
      }
      if (marker == 0xD9 || marker == 0xDA || length < 2) {
        break; // end of image or scan data before any frame header
      }
      i += 2 + length;
    }
    throw new ImageDecodingException("truncated or corrupt JPEG: no frame header with the image size");
  }

  /**
   * Whether a JPEG's entropy-coded data is followed by its end-of-image marker. libjpeg fills a truncated scan with
   * grey and only warns; PIL refuses such a file ("image file is truncated"), and so do we, since a half-grey street
   * image would get a confident but meaningless answer. The marker is searched after the first scan header, so the
   * end marker of an EXIF thumbnail does not count.
   */
  public static boolean jpegEndsAfterScan(byte[] b) {
    int scan = -1;
    for (int i = 2; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
        scan = i;
        break;
      }
    }
    if (scan < 0) {
      return false;
    }
    for (int i = b.length - 2; i > scan; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
        return true;
      }
    }
    return false;
  }

  private static ImageHeader webp(byte[] b) {
    require(b, 30, "WebP");
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == ' ') { // lossy
      return of(Format.WEBP, uint16le(b, 26) & 0x3FFF, uint16le(b, 28) & 0x3FFF);
    }
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'L') { // lossless: 14-bit sizes minus one
      int bits = int32le(b, 21);
      return of(Format.WEBP, (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
    }
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'X') { // extended: 24-bit canvas sizes minus one
      return of(Format.WEBP, uint24le(b, 24) + 1, uint24le(b, 27) + 1);
    }
    throw new ImageDecodingException("unsupported WebP chunk '" + new String(b, 12, 4,
        java.nio.charset.StandardCharsets.ISO_8859_1) + "'");
  }

  private static ImageHeader of(Format format, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new ImageDecodingException("corrupt " + format + " header: size " + width + "x" + height);
    }
    return new ImageHeader(format, width, height);
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static void require(byte[] b, int length, String format) {
    if (b.length < length) {
      throw new ImageDecodingException("truncated " + format + ": " + b.length + " bytes end inside the header");
    }
  }

  private static int uint16be(byte[] b, int i) {
    return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
  }

  private static int int32be(byte[] b, int i) {
    return uint16be(b, i) << 16 | uint16be(b, i + 2);
  }

  private static int uint16le(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static int uint24le(byte[] b, int i) {
    return uint16le(b, i) | (b[i + 2] & 0xFF) << 16;
  }

  private static int int32le(byte[] b, int i) {
    return uint16le(b, i) | uint16le(b, i + 2) << 16;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(8, b.length); i++) {
      s.append(String.format("%02x", b[i] & 0xFF));
    }
    return s.length() == 0 ? "(none)" : s.toString();
  }
}
