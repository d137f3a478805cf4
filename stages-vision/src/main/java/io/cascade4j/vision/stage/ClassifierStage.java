package io.cascade4j.vision.stage;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.ImageTensor;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code classifier} stage: a TorchScript or ONNX image classifier (the cascade's fast gate, a MobileNetV4-class
 * model) whose output row becomes P(roadwork) through a {@link ClassHead}. Decodes through the query's shared decode,
 * preprocesses per its {@link Preprocessing}, and runs on a {@link PooledModel}. {@link #probabilities(List)} runs
 * several images as one batch, for offline evaluation and for callers that gather queries.
 */
public final class ClassifierStage implements Stage {
  private final PooledModel model;
  private final Preprocessing preprocessing;
  private final ImageDecoder decoder;
  private final ClassHead head;

  public ClassifierStage(PooledModel model, Preprocessing preprocessing, ImageDecoder decoder, ClassHead head) {
    this.model = model;
    this.preprocessing = preprocessing;
    this.decoder = decoder;
    this.head = head;
  }

  /** The warm latency its model measured while warming up at load, for the cascade's deadline logic. */
  @Override
  public java.util.Optional<java.time.Duration> expectedLatency() {
    return model.warmLatency();
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    // One image: preprocessing writes straight into the predictor's input buffer, no float[] in between.
    Preprocessing.Prepared prepared = preprocessing.prepare(decoder.decodeOnce(context, preprocessing.decodeScale()));
    float[] out = model.run(prepared.batchShape(), prepared::writeInto).values();
    return Evidence.of(head.probability(out, 0, out.length));
  }

  /**
   * P(positive) for each image, computed in one forward pass.
   *
   * @throws IllegalArgumentException if the images preprocess to different shapes (configure a resize or crop to a
   *     fixed size to batch them)
   */
  public List<Double> probabilities(List<RgbImage> images) throws InterruptedException {
    if (images.isEmpty()) {
      return List.of();
    }
    List<ImageTensor> tensors = new ArrayList<>(images.size());
    for (RgbImage image : images) {
      tensors.add(preprocessing.apply(image));
    }
    long[] one = tensors.get(0).shape();
    int per = tensors.get(0).floats().length;
    float[] batch = new float[per * tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      ImageTensor t = tensors.get(i);
      if (!java.util.Arrays.equals(t.shape(), one)) {
        throw new IllegalArgumentException("cannot batch images that preprocess to " + java.util.Arrays.toString(one)
            + " and " + java.util.Arrays.toString(t.shape()) + "; resize or crop to a fixed size");
      }
      System.arraycopy(t.floats(), 0, batch, i * per, per);
    }
    long[] shape = new long[one.length + 1];
    shape[0] = tensors.size();
    System.arraycopy(one, 0, shape, 1, one.length);
    float[] out = model.run(batch, shape).values();
    if (out.length % tensors.size() != 0) {
      throw new IllegalStateException("model " + model.path().getFileName() + " returned " + out.length
          + " values for a batch of " + tensors.size());
    }
    int width = out.length / tensors.size();
    List<Double> probabilities = new ArrayList<>(tensors.size());
    for (int i = 0; i < tensors.size(); i++) {
      probabilities.add(head.probability(out, i * width, width));
    }
    return probabilities;
  }

  @Override
  public void close() {
    model.close();
  }

  @Override
  public String toString() {
    return "ClassifierStage[" + model.path().getFileName() + ", " + preprocessing + ", " + head + "]";
  }
}
