package io.cascade4j.bittensor.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A synapse as read from a body, its image left where it arrived: {@link #fields()} holds every field but the image
 * (empty there), and the image's JSON string content is a range of {@link #imageText()}, normally the body itself. A
 * native-size image is half a megabyte of base64; an axon decodes it straight from the body and writes it back into
 * its response without ever making a {@code String} of it (issue 19: that string, its parse and its re-encoding cost
 * more than the signature check).
 *
 * <p>The range is the image's canonical JSON text: the body's own bytes when they hold no escape, otherwise the value
 * written again without needless escapes (as {@code "\/"}), so that it decodes as base64 exactly when the value is
 * base64, and echoes as the same string value either way.
 *
 * @param fields the synapse with an empty {@code image}
 * @param imageText the array holding the image's JSON string content (the body, or a copy when it had escapes)
 * @param imageOffset where the content starts in {@code imageText}
 * @param imageLength its length in bytes
 */
public record ReceivedSynapse(ImageSynapse fields, byte[] imageText, int imageOffset, int imageLength) {
  /** Checks the range. */
  public ReceivedSynapse {
    Objects.requireNonNull(fields, "fields");
    Objects.checkFromIndexSize(imageOffset, imageLength, imageText.length);
    if (!fields.image().isEmpty()) {
      throw new IllegalArgumentException("the image travels in imageText, not in fields");
    }
  }

  /**
   * The image's JSON text as a view of {@link #imageText()}, not a copy (and not read-only, which would make the JDK's
   * base64 decoder copy it first).
   */
  public ByteBuffer imageBuffer() {
    return ByteBuffer.wrap(imageText, imageOffset, imageLength);
  }

  /**
   * The whole synapse, image as a {@code String}. The canonical text has escapes only for characters JSON cannot hold
   * raw (quote, backslash, controls), none of which base64 has: the string is then read back by a parser.
   */
  public ImageSynapse synapse() throws MalformedSynapseException {
    return new ImageSynapse(fields.name(), fields.timeout(), fields.totalSize(), fields.headerSize(),
        fields.dendrite(), fields.axon(), fields.computedBodyHash(), fields.testnetLabel(), image(),
        fields.prediction());
  }

  private String image() throws MalformedSynapseException {
    for (int i = imageOffset; i < imageOffset + imageLength; i++) {
      if (imageText[i] == '\\') {
        return SynapseJson.unquote(imageText, imageOffset, imageLength);
      }
    }
    return new String(imageText, imageOffset, imageLength, StandardCharsets.UTF_8);
  }
}
