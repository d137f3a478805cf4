package io.cascade4j.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One encoded image (JPEG, PNG, ...) exactly as it arrived, with its media type.
 *
 * <p>Immutable: the bytes are copied once on the way in (or {@linkplain #adopt handed over} by code that made them)
 * and never handed out for writing. Stages read them
 * through {@link #asByteBuffer()} (a read-only view, no copy) or {@link #openStream()}; decoding is the job of the
 * stages, which share the decoded form through the {@link QueryContext}.
 */
public final class EncodedImage {
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");

  private final String mediaType;
  private final byte[] bytes;

  private EncodedImage(String mediaType, byte[] bytes) {
    this.mediaType = mediaType;
    this.bytes = bytes;
  }

  /**
   * An image from its bytes and media type.
   *
   * @param mediaType lower-case {@code type/subtype}, for example {@code image/jpeg}; {@code
   *     application/octet-stream} when unknown
   * @param bytes the encoded bytes, copied; must not be empty
   * @throws IllegalArgumentException if the media type is malformed or the bytes are empty
   */
  public static EncodedImage of(String mediaType, byte[] bytes) {
    return adopt(mediaType, Objects.requireNonNull(bytes, "bytes").clone());
  }

  /**
   * An image that takes over {@code bytes} instead of copying them: the caller hands the array over and must neither
   * keep nor change it. For code that has just made the array itself (an axon's base64 decoder), where the copy
   * {@link #of} makes would be a second megabyte per request for nothing.
   *
   * @throws IllegalArgumentException if the media type is malformed or the bytes are empty
   */
  public static EncodedImage adopt(String mediaType, byte[] bytes) {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(bytes, "bytes");
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      throw new IllegalArgumentException(
          "media type must look like 'image/jpeg' (lower case type/subtype), got '" + mediaType + "'");
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException("an encoded image needs at least one byte, got none");
    }
    return new EncodedImage(mediaType, bytes);
  }

  /** A JPEG image. */
  public static EncodedImage jpeg(byte[] bytes) {
    return of("image/jpeg", bytes);
  }

  /** A PNG image. */
  public static EncodedImage png(byte[] bytes) {
    return of("image/png", bytes);
  }

  /** The media type, for example {@code image/jpeg}. */
  public String mediaType() {
    return mediaType;
  }

  /** The number of encoded bytes. */
  public int size() {
    return bytes.length;
  }

  /** A read-only view of the bytes, positioned at 0; no copy is made. */
  public ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /**
   * Feeds the bytes to {@code digest}, without a copy: handed {@link #asByteBuffer()}'s read-only view, a digest
   * copies a megabyte image through a small array first.
   */
  public void digestInto(MessageDigest digest) {
    digest.update(bytes);
  }

  /** A stream over the bytes; no copy is made. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** A fresh copy of the bytes, for APIs that need an array they may modify. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedImage other
        && mediaType.equals(other.mediaType)
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * mediaType.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "EncodedImage[" + mediaType + ", " + bytes.length + " bytes]";
  }
}
