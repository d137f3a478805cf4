package io.cascade4j.vision.head;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.Locale;

/**
 * The shape of a small head over frozen embeddings. {@code linear} is one logit from the embedding; {@code mlp} is the
 * seed's LayerNorm - Dropout - Linear - GELU - Dropout - Linear; {@code cnn} reads raw pixels (a square RGB image
 * flattened channels first) with three 3x3 convolutions (16, 32, 64 channels, ReLU, the first two max-pooled), a
 * global average, dropout and one linear unit: a gate small enough to train on a CPU in minutes. The head outputs one
 * logit: P(roadwork) = sigmoid.
 *
 * @param kind {@code linear}, {@code mlp} or {@code cnn}
 * @param inputDim the embedding size (for {@code cnn}: 3 x side x side)
 * @param hiddenDim the MLP's hidden width (ignored for linear)
 * @param dropout the dropout rate during training (inactive at inference)
 */
public record HeadSpec(String kind, int inputDim, int hiddenDim, double dropout) {
  public HeadSpec {
    kind = kind.toLowerCase(Locale.ROOT);
    if (!kind.equals("linear") && !kind.equals("mlp") && !kind.equals("cnn")) {
      throw new IllegalArgumentException("head kind must be linear, mlp or cnn, got '" + kind + "'");
    }
    if (kind.equals("cnn") && (inputDim % 3 != 0 || side(inputDim) * side(inputDim) * 3 != inputDim)) {
      throw new IllegalArgumentException("a cnn head reads 3 x side x side pixels, got an input of " + inputDim);
    }
    if (inputDim < 1 || (kind.equals("mlp") && hiddenDim < 1)) {
      throw new IllegalArgumentException("head dimensions must be positive, got input " + inputDim + ", hidden "
          + hiddenDim);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  private static int side(int inputDim) {
    return (int) Math.round(Math.sqrt(inputDim / 3.0));
  }

  /** A fresh DJL block of this shape (parameters uninitialised). */
  public Block block() {
    SequentialBlock b = new SequentialBlock();
    if (kind.equals("linear")) {
      return b.add(Linear.builder().setUnits(1).build());
    }
    if (kind.equals("cnn")) {
      int side = side(inputDim);
      b.add(x -> new NDList(x.singletonOrThrow().reshape(-1, 3, side, side)));
      for (int channels : new int[] {16, 32, 64}) {
        b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels)
            .build()).add(Activation.reluBlock());
        if (channels < 64) {
          b.add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
      }
      return b.add(Pool.globalAvgPool2dBlock()).add(Dropout.builder().optRate((float) dropout).build())
          .add(Linear.builder().setUnits(1).build());
    }
    return b.add(LayerNorm.builder().build())
        .add(Dropout.builder().optRate((float) dropout).build())
        .add(Linear.builder().setUnits(hiddenDim).build())
        .add(Activation.geluBlock())
        .add(Dropout.builder().optRate((float) dropout).build())
        .add(Linear.builder().setUnits(1).build());
  }
}
