package io.cascade4j.vision.zeroshot;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.ModelOutput;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code zero-shot} stage: the image's embedding from a CLIP/SigLIP image tower, cosine similarities to every
 * prompt of a {@link PromptEmbeddings} file, divided by a temperature, softmax over all prompts; P(roadwork) is the
 * summed probability of the positive prompts. CLIP's learned logit scale of 100 is a temperature of 0.01.
 */
final class ZeroShotStage implements Stage {
  private final PooledModel encoder;
  private final Preprocessing preprocessing;
  private final ImageDecoder decoder;
  private final PromptEmbeddings prompts;
  private final double temperature;

  ZeroShotStage(PooledModel encoder, Preprocessing preprocessing, ImageDecoder decoder, PromptEmbeddings prompts,
      double temperature) {
    this.encoder = encoder;
    this.preprocessing = preprocessing;
    this.decoder = decoder;
    this.prompts = prompts;
    this.temperature = temperature;
  }

  /** The warm latency its model measured while warming up at load, for the cascade's deadline logic. */
  @Override
  public java.util.Optional<java.time.Duration> expectedLatency() {
    return encoder.warmLatency();
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    // The pixels written straight into the encoder's input buffer.
    Preprocessing.Prepared prepared = preprocessing.prepare(decoder.decodeOnce(context, preprocessing.decodeScale()));
    ModelOutput out = encoder.run(prepared.batchShape(), prepared::writeInto);
    if (out.values().length != prompts.dimension()) {
      throw new IllegalStateException("the image encoder " + encoder.path().getFileName() + " gives " +
          out.values().length + " values but the prompts of " + prompts.model() + " have " + prompts.dimension()
          + "; use prompt embeddings made with the same model");
    }
    float[] image;
    try {
      image = PromptEmbeddings.normalised(out.values(), "the image embedding");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    List<Double> logits = new ArrayList<>();
    for (float[] p : prompts.positive()) {
      logits.add(dot(image, p) / temperature);
    }
    for (float[] p : prompts.negative()) {
      logits.add(dot(image, p) / temperature);
    }
    double max = logits.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    double total = 0;
    double positive = 0;
    String best = "";
    double bestLogit = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.size(); i++) {
      double e = Math.exp(logits.get(i) - max); // shifted for stability
      total += e;
      if (i < prompts.positive().size()) {
        positive += e;
      }
      if (logits.get(i) > bestLogit) {
        bestLogit = logits.get(i);
        best = prompts.prompts().get(i);
      }
    }
    return Evidence.of(positive / total).withExtra("zero-shot-best-prompt", best);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
