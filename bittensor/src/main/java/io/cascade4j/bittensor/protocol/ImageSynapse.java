package io.cascade4j.bittensor.protocol;

import java.util.Objects;

/**
 * NATIX StreetVision's {@code ImageSynapse} (subnet 72): the base {@code Synapse} fields, then {@code testnet_label},
 * {@code image} (standard base64 of a JPEG) and {@code prediction} (P(roadwork), {@code -1.0} for no answer).
 *
 * @param name the synapse class name, {@code ImageSynapse}
 * @param timeout the caller's timeout in seconds
 * @param totalSize the reference's size bookkeeping, echoed
 * @param headerSize the reference's size bookkeeping, echoed
 * @param dendrite the caller's terminal
 * @param axon the callee's terminal
 * @param computedBodyHash {@code ""} in request bodies; the real value travels in a header
 * @param testnetLabel always -1 from current validators
 * @param image base64 JPEG
 * @param prediction the answer
 */
public record ImageSynapse(
    String name,
    double timeout,
    long totalSize,
    long headerSize,
    TerminalInfo dendrite,
    TerminalInfo axon,
    String computedBodyHash,
    int testnetLabel,
    String image,
    double prediction) {

  /** The route and class name. */
  public static final String NAME = "ImageSynapse";
  /** The reference's default timeout, seconds. */
  public static final double DEFAULT_TIMEOUT = 12.0;

  /** Validates the components. */
  public ImageSynapse {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dendrite, "dendrite");
    Objects.requireNonNull(axon, "axon");
    Objects.requireNonNull(computedBodyHash, "computedBodyHash");
    Objects.requireNonNull(image, "image");
  }

  /** A request as a validator builds it: everything default but the image. */
  public static ImageSynapse request(String base64Image, double timeout) {
    return new ImageSynapse(NAME, timeout, 0, 0, TerminalInfo.EMPTY, TerminalInfo.EMPTY, "", -1, base64Image, -1.0);
  }

  /** The same synapse with an answer and the axon's status. */
  public ImageSynapse answered(double prediction, TerminalInfo axon) {
    return new ImageSynapse(
        name, timeout, totalSize, headerSize, dendrite, axon, computedBodyHash, testnetLabel, image, prediction);
  }

  /** The same synapse with other terminals (as a dendrite fills them before sending). */
  public ImageSynapse withTerminals(TerminalInfo dendrite, TerminalInfo axon) {
    return new ImageSynapse(
        name, timeout, totalSize, headerSize, dendrite, axon, computedBodyHash, testnetLabel, image, prediction);
  }
}
