package io.cascade4j.vision.head;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link HeadSpec} on embeddings with DJL (PyTorch engine): AdamW with decoupled weight decay, a cosine
 * learning-rate schedule over all steps, balanced class weights, and early stopping on a seeded validation split. The
 * best epoch's parameters are written as {@code head-0000.params} with a {@code head.json} holding the spec and the
 * metrics, which {@link EmbeddingHeadModel#load} reads.
 */
public final class HeadTraining {
  /** The file the spec and metrics are written to, next to the parameters. */
  public static final String SPEC_FILE = "head.json";
  /** DJL's parameter file prefix. */
  public static final String PARAMS_NAME = "head";

  /**
   * Training settings.
   *
   * @param kind {@code linear} or {@code mlp}
   * @param hidden the MLP's hidden width
   * @param dropout dropout rate during training
   * @param epochs the most epochs to run
   * @param batchSize examples per step
   * @param learningRate the cosine schedule's starting rate
   * @param weightDecay AdamW's decoupled weight decay
   * @param patience epochs without a better validation loss before stopping
   * @param validationShare share of examples held out for early stopping
   * @param balanceClasses weight each class by n / (2 * its count), so a rare class counts as much as a common one
   * @param seed for the split, the shuffling and the initial weights
   * @param device where to train: {@code cpu}, {@code gpu} or {@code gpuN} (the parameters load anywhere after)
   */
  public record Options(String kind, int hidden, double dropout, int epochs, int batchSize, double learningRate,
      double weightDecay, int patience, double validationShare, boolean balanceClasses, long seed, String device) {
    /** Options for training on the CPU. */
    public Options(String kind, int hidden, double dropout, int epochs, int batchSize, double learningRate,
        double weightDecay, int patience, double validationShare, boolean balanceClasses, long seed) {
      this(kind, hidden, dropout, epochs, batchSize, learningRate, weightDecay, patience, validationShare,
          balanceClasses, seed, "cpu");
    }

    /** The same options on {@code device}. */
    public Options onDevice(String device) {
      return new Options(kind, hidden, dropout, epochs, batchSize, learningRate, weightDecay, patience,
          validationShare, balanceClasses, seed, device);
    }

    /** An MLP of width 256, dropout 0.1, 100 epochs of 32, lr 1e-3, decay 0.01, patience 10, 20% validation. */
    public static Options defaults() {
      return new Options("mlp", 256, 0.1, 100, 32, 1e-3, 0.01, 10, 0.2, true, 72);
    }
  }

  /** The one device {@code setting} names, checked against the GPUs the PyTorch engine sees. */
  static Device trainingDevice(String setting) {
    List<Device> devices = setting.strip().equals("cpu") ? List.of(Device.cpu())
        : io.cascade4j.vision.model.DevicePlacement.parse(setting,
            io.cascade4j.vision.model.DevicePlacement.Inventory.of("PyTorch"));
    if (devices.size() != 1) {
      throw new IllegalArgumentException("training runs on one device, got " + setting);
    }
    return devices.getFirst();
  }

  /** Called after every epoch, for progress bars. */
  public interface Progress {
    void epoch(int epoch, int maxEpochs, double trainLoss, double validationLoss, double validationAccuracy);
  }

  private HeadTraining() {}

  /**
   * Trains on {@code embeddings} (one row per example) with binary {@code labels} and writes the head to {@code out}.
   *
   * @return the metrics also written to {@code head.json}
   * @throws IllegalArgumentException if the data cannot train a head (no rows, ragged rows, one class only)
   */
  public static Map<String, Object> train(float[][] embeddings, int[] labels, Options o, Path out, Progress progress)
      throws IOException {
    requireTrainable(embeddings, labels);
    int n = embeddings.length;
    int dim = embeddings[0].length;
    HeadSpec spec = new HeadSpec(o.kind(), dim, o.hidden(), o.dropout());
    Random random = new Random(o.seed());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    int validation = Math.max(1, (int) Math.round(n * o.validationShare()));
    if (validation >= n) {
      throw new IllegalArgumentException("need more than " + validation + " examples to hold out " + validation
          + " for validation");
    }
    List<Integer> val = order.subList(0, validation);
    List<Integer> train = new ArrayList<>(order.subList(validation, n));
    long positives = train.stream().filter(i -> labels[i] == 1).count();
    double wPos = 1;
    double wNeg = 1;
    if (o.balanceClasses() && positives > 0 && positives < train.size()) {
      wPos = train.size() / (2.0 * positives);
      wNeg = train.size() / (2.0 * (train.size() - positives));
    }
    Files.createDirectories(out);
    io.cascade4j.vision.model.InferenceEngine.PYTORCH.requireAvailable();
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) o.seed());
    int stepsPerEpoch = (train.size() + o.batchSize() - 1) / o.batchSize();
    Map<String, Object> metrics = new LinkedHashMap<>();
    Device device = trainingDevice(o.device());
    try (Model model = Model.newInstance(PARAMS_NAME, device, "PyTorch")) {
      model.setBlock(spec.block());
      WeightedBinaryCrossEntropy loss = new WeightedBinaryCrossEntropy(wPos, wNeg);
      DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
          .optDevices(new Device[] {device})
          .optOptimizer(Optimizer.adamW()
              .optLearningRateTracker(CosineTracker.builder().setBaseValue((float) o.learningRate())
                  .optFinalValue(0f).setMaxUpdates(Math.max(1, o.epochs() * stepsPerEpoch)).build())
              .optWeightDecays((float) o.weightDecay())
              .build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, dim));
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        double bestAccuracy = 0;
        int epoch = 0;
        double trainLoss = 0;
        while (epoch < o.epochs() && epoch - bestEpoch < o.patience()) {
          epoch++;
          java.util.Collections.shuffle(train, random);
          double sum = 0;
          for (int start = 0; start < train.size(); start += o.batchSize()) {
            List<Integer> batch = train.subList(start, Math.min(train.size(), start + o.batchSize()));
            try (NDManager scope = trainer.getManager().newSubManager()) {
              NDArray x = rows(scope, embeddings, batch);
              NDArray y = labelArray(scope, labels, batch);
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray l = loss.evaluate(new NDList(y), trainer.forward(new NDList(x)));
                sum += l.getFloat() * batch.size();
                collector.backward(l);
              }
              trainer.step();
            }
          }
          trainLoss = sum / train.size();
          double[] v = evaluate(trainer, embeddings, labels, val);
          progress.epoch(epoch, o.epochs(), trainLoss, v[0], v[1]);
          if (v[0] < best) {
            best = v[0];
            bestEpoch = epoch;
            bestAccuracy = v[1];
            model.save(out, PARAMS_NAME);
          }
        }
        metrics.put("best_epoch", bestEpoch);
        metrics.put("epochs_run", epoch);
        metrics.put("last_train_loss", trainLoss);
        metrics.put("validation_loss", best);
        metrics.put("validation_accuracy", bestAccuracy);
      }
    }
    keepLatestParameters(out);
    metrics.put("train_examples", train.size());
    metrics.put("validation_examples", validation);
    metrics.put("class_weights", Map.of("positive", wPos, "negative", wNeg));
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("kind", spec.kind());
    file.put("input_dim", spec.inputDim());
    file.put("hidden_dim", spec.hiddenDim());
    file.put("dropout", spec.dropout());
    file.put("options", o);
    file.put("metrics", metrics);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(SPEC_FILE).toFile(), file);
    return metrics;
  }

  /**
   * Deletes the parameters of earlier best epochs: DJL numbers each save, and only the last one (the best) is loaded.
   */
  private static void keepLatestParameters(Path out) throws IOException {
    java.util.regex.Pattern saved = java.util.regex.Pattern.compile(PARAMS_NAME + "-(\\d{4})\\.params");
    List<Path> files;
    try (java.util.stream.Stream<Path> list = Files.list(out)) {
      files = list.filter(f -> saved.matcher(f.getFileName().toString()).matches()).sorted().toList();
    }
    for (Path older : files.subList(0, Math.max(0, files.size() - 1))) {
      Files.delete(older);
    }
  }

  /** Validation loss (unweighted BCE) and accuracy at 0.5, with dropout off. */
  private static double[] evaluate(Trainer trainer, float[][] x, int[] labels, List<Integer> rows) {
    try (NDManager scope = trainer.getManager().newSubManager()) {
      float[] z = trainer.evaluate(new NDList(rows(scope, x, rows))).singletonOrThrow().toFloatArray();
      double loss = 0;
      int correct = 0;
      for (int i = 0; i < z.length; i++) {
        int y = labels[rows.get(i)];
        loss += Math.max(z[i], 0) - z[i] * y + Math.log1p(Math.exp(-Math.abs(z[i])));
        correct += (z[i] > 0 ? 1 : 0) == y ? 1 : 0;
      }
      return new double[] {loss / z.length, (double) correct / z.length};
    }
  }

  private static NDArray rows(NDManager m, float[][] x, List<Integer> rows) {
    int dim = x[0].length;
    float[] flat = new float[rows.size() * dim];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(x[rows.get(i)], 0, flat, i * dim, dim);
    }
    return m.create(flat, new Shape(rows.size(), dim));
  }

  private static NDArray labelArray(NDManager m, int[] labels, List<Integer> rows) {
    float[] y = new float[rows.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[rows.get(i)];
    }
    return m.create(y, new Shape(y.length, 1));
  }

  private static void requireTrainable(float[][] x, int[] labels) {
    if (x.length == 0 || x.length != labels.length) {
      throw new IllegalArgumentException("need one label per embedding and at least one, got " + x.length
          + " embeddings and " + labels.length + " labels");
    }
    boolean zero = false;
    boolean one = false;
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != x[0].length) {
        throw new IllegalArgumentException("embedding " + i + " has " + x[i].length + " values, the first has "
            + x[0].length);
      }
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, got " + labels[i] + " at " + i);
      }
      zero |= labels[i] == 0;
      one |= labels[i] == 1;
    }
    if (!zero || !one) {
      throw new IllegalArgumentException("training a head needs examples of both classes, got only label "
          + (one ? 1 : 0));
    }
  }
}
