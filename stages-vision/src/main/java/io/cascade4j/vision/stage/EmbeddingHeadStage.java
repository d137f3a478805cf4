package io.cascade4j.vision.stage;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.vision.head.EmbeddingBackbone;
import io.cascade4j.vision.head.EmbeddingHeadModel;
import io.cascade4j.vision.image.ImageDecoder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code embedding-head} stage: a frozen backbone gives the image's embedding and a small trained head gives
 * P(roadwork) from it. The backbone is the expensive part and is shared by nothing else, so the head is a few
 * microseconds on top.
 *
 * <p>With a {@link Route}, a second head on the same embedding first says whether the image is of the kind the main
 * head was trained on; an image it places outside (below the route's threshold) is answered by the route's own
 * backbone and head instead. The evidence records that score ({@value #DOMAIN_EXTRA}) and, for a routed image,
 * {@value #ROUTED_EXTRA}.
 */
public final class EmbeddingHeadStage implements Stage {
  /** The extra holding the route's score: P(the image is of the main head's kind). */
  public static final String DOMAIN_EXTRA = "domain";
  /** The extra, {@code true}, on evidence that the route's head gave. */
  public static final String ROUTED_EXTRA = "routed";

  private final EmbeddingBackbone backbone;
  private final EmbeddingHeadModel head;
  private final ImageDecoder decoder;
  private final @Nullable Route route;

  /** A stage that answers every image with {@code head} on {@code backbone}'s embedding. */
  public EmbeddingHeadStage(EmbeddingBackbone backbone, EmbeddingHeadModel head, ImageDecoder decoder) {
    this(backbone, head, decoder, null);
  }

  /** The same, with images that {@code route}'s domain head places below its threshold answered by the route. */
  public EmbeddingHeadStage(EmbeddingBackbone backbone, EmbeddingHeadModel head, ImageDecoder decoder,
      @Nullable Route route) {
    this.backbone = backbone;
    this.head = head;
    this.decoder = decoder;
    this.route = route;
  }

  /**
   * Where images unlike the main head's training data go.
   *
   * @param domain a head on the stage's embedding: P(the image is of the kind the main head was trained on)
   * @param below images scoring below this go to {@code backbone} and {@code head}
   * @param backbone the routed images' backbone ({@link EmbeddingBackbone#pixels} for a head that reads pixels)
   * @param head the routed images' head: P(roadwork)
   */
  public record Route(EmbeddingHeadModel domain, double below, EmbeddingBackbone backbone, EmbeddingHeadModel head)
      implements AutoCloseable {
    @Override
    public void close() {
      try (domain; backbone; head) {
        // all closed, even if one throws
      }
    }
  }

  /** The warm latency its model measured while warming up at load, for the cascade's deadline logic. */
  @Override
  public java.util.Optional<java.time.Duration> expectedLatency() {
    return backbone.warmLatency();
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    var image = decoder.decodeOnce(context);
    float[] embedding = backbone.embed(image);
    if (route == null) {
      return Evidence.of(head.probabilities(embedding, 1)[0]);
    }
    double domain = route.domain().probabilities(embedding, 1)[0];
    if (domain < route.below()) {
      return Evidence.of(route.head().probabilities(route.backbone().embed(image), 1)[0])
          .withExtra(DOMAIN_EXTRA, domain).withExtra(ROUTED_EXTRA, true);
    }
    return Evidence.of(head.probabilities(embedding, 1)[0]).withExtra(DOMAIN_EXTRA, domain);
  }

  @Override
  public void close() {
    try (backbone; head; route) {
      // all closed, even if one throws
    }
  }
}
