package io.cascade4j.vision.head;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.Locale;

/**
 * The shape of a small head over frozen embeddings. {@code linear} is one logit from the embedding; {@code mlp} is the
 * seed's LayerNorm - Dropout - Linear - GELU - Dropout - Linear. The head outputs one logit: P(roadwork) = sigmoid.
 *
 * @param kind {@code linear} or {@code mlp}
 * @param inputDim the embedding size
 * @param hiddenDim the MLP's hidden width (ignored for linear)
 * @param dropout the dropout rate during training (inactive at inference)
 */
public record HeadSpec(String kind, int inputDim, int hiddenDim, double dropout) {
  public HeadSpec {
    kind = kind.toLowerCase(Locale.ROOT);
    if (!kind.equals("linear") && !kind.equals("mlp")) {
      throw new IllegalArgumentException("head kind must be linear or mlp, got '" + kind + "'");
    }
    if (inputDim < 1 || (kind.equals("mlp") && hiddenDim < 1)) {
      throw new IllegalArgumentException("head dimensions must be positive, got input " + inputDim + ", hidden "
          + hiddenDim);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** A fresh DJL block of this shape (parameters uninitialised). */
  public Block block() {
    SequentialBlock b = new SequentialBlock();
    if (kind.equals("linear")) {
      return b.add(Linear.builder().setUnits(1).build());
    }
    return b.add(LayerNorm.builder().build())
        .add(Dropout.builder().optRate((float) dropout).build())
        .add(Linear.builder().setUnits(hiddenDim).build())
        .add(Activation.geluBlock())
        .add(Dropout.builder().optRate((float) dropout).build())
        .add(Linear.builder().setUnits(1).build());
  }
}
