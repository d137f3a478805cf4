package io.cascade4j.vision.stage;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.vision.head.EmbeddingBackbone;
import io.cascade4j.vision.head.EmbeddingHeadModel;
import io.cascade4j.vision.image.ImageDecoder;

/**
 * The {@code embedding-head} stage: a frozen backbone gives the image's embedding and a small trained head gives
 * P(roadwork) from it. The backbone is the expensive part and is shared by nothing else, so the head is a few
 * microseconds on top.
 */
public final class EmbeddingHeadStage implements Stage {
  private final EmbeddingBackbone backbone;
  private final EmbeddingHeadModel head;
  private final ImageDecoder decoder;

  public EmbeddingHeadStage(EmbeddingBackbone backbone, EmbeddingHeadModel head, ImageDecoder decoder) {
    this.backbone = backbone;
    this.head = head;
    this.decoder = decoder;
  }

  /** The warm latency its model measured while warming up at load, for the cascade's deadline logic. */
  @Override
  public java.util.Optional<java.time.Duration> expectedLatency() {
    return backbone.warmLatency();
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    float[] embedding = backbone.embed(decoder.decodeOnce(context));
    return Evidence.of(head.probabilities(embedding, 1)[0]);
  }

  @Override
  public void close() {
    try (backbone; head) {
      // both closed, even if one throws
    }
  }
}
