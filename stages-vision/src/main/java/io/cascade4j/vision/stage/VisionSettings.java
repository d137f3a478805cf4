package io.cascade4j.vision.stage;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.vision.image.ExifOrientation;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.core.image.ImageLimits;
import io.cascade4j.vision.model.DevicePlacement;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import io.cascade4j.vision.preprocess.PreprocessingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Settings every DJL image stage shares (here and in stages-detection): the model file, engine, pool, decoding limits
 * and preprocessing. Each reader records problems on the settings rather than throwing, so all are reported at once.
 */
public final class VisionSettings {
  private VisionSettings() {}

  /**
   * {@code max-bytes} (16 MiB), {@code max-pixels} (40 M, refused above), {@code max-decoded-pixels} (16 M: larger
   * JPEGs decode at reduced scale, larger other formats are refused; see {@link ImageDecoder}) and {@code
   * exif-orientation} ({@code ignore} | {@code apply}).
   */
  public static ImageDecoder decoder(Settings s) {
    long maxBytes = s.intValue("max-bytes", (int) ImageLimits.DEFAULT.maxEncodedBytes(), 1, Integer.MAX_VALUE);
    long maxPixels = s.intValue("max-pixels", (int) ImageLimits.DEFAULT.maxPixels(), 1, Integer.MAX_VALUE);
    long maxDecoded = s.intValue("max-decoded-pixels", (int) ImageLimits.DEFAULT.maxDecodedPixels(), 1,
        Integer.MAX_VALUE);
    String exif = s.string("exif-orientation", "ignore");
    ExifOrientation orientation = ExifOrientation.IGNORE;
    try {
      orientation = ExifOrientation.valueOf(exif.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      s.problem("exif-orientation", "must be ignore or apply, got '" + exif + "'");
    }
    return new ImageDecoder(new ImageLimits(maxBytes, maxPixels, maxDecoded), orientation);
  }

  /** The {@code preprocessing} section, float32 only (the models here take float input). */
  public static @Nullable Preprocessing preprocessing(Settings s) {
    Preprocessing.Builder b = PreprocessingSettings.read(s.section("preprocessing"));
    if (b == null) {
      return null;
    }
    Preprocessing p = b.build();
    if (p.dataType() != Preprocessing.DataType.FLOAT32) {
      s.problem("preprocessing.dtype", "this stage feeds float32 tensors; use dtype: float32");
      return null;
    }
    return p;
  }

  /**
   * {@link Settings#validate()}, closing the models already loaded if it fails, so a bad cascade file leaks no native
   * memory.
   */
  public static void validateOrClose(Settings s, @Nullable AutoCloseable... loaded) throws ConfigurationException {
    try {
      s.validate();
    } catch (ConfigurationException e) {
      for (AutoCloseable resource : loaded) {
        if (resource != null) {
          try {
            resource.close();
          } catch (Exception closing) {
            e.addSuppressed(closing);
          }
        }
      }
      throw e;
    }
  }

  /**
   * Loads {@code model} with {@code engine} ({@code auto}) on {@code device} ({@code cpu}; {@code gpu}, {@code gpuN}
   * or {@code gpu0;gpu1}, see {@link DevicePlacement}) with {@code workers} predictors per device (default 2;
   * {@code pool-size} is the older name), and warms every predictor up {@code warm-up} times (default 2) on
   * {@code inputShape} (one image of it) when the stage knows that shape. The keys are read whatever else is wrong,
   * so one mistake elsewhere never makes them look unknown; the model is loaded only when the settings have no
   * problem so far (null otherwise).
   */
  public static @Nullable PooledModel model(Settings s, java.util.Optional<long[]> inputShape) {
    String file = s.string("model");
    String engineName = s.string("engine", "auto");
    String deviceSetting = s.string("device", "cpu");
    int workers = s.has("pool-size") && !s.has("workers") ? s.intValue("pool-size", 2, 1, 256)
        : s.intValue("workers", 2, 1, 256);
    if (s.has("pool-size") && s.has("workers")) {
      s.problem("pool-size", "is the older name of workers: give one of them");
    }
    int warmUps = s.intValue("warm-up", 2, 0, 100);
    String dtype = s.string("dtype", "fp32");
    if (!dtype.equals("fp32") && !dtype.equals("fp16")) {
      s.problem("dtype", "must be fp32 or fp16, got '" + dtype + "'");
    }
    java.util.Optional<String> reference = s.optionalString("fp32-reference");
    double tolerance = s.doubleValue("parity-tolerance", 0.02, 0, 1);
    if (!s.problems().isEmpty()) {
      return null;
    }
    Path path = Path.of(file);
    InferenceEngine engine;
    try {
      engine = InferenceEngine.select(engineName, path);
    } catch (IllegalArgumentException e) {
      s.problem("engine", e.getMessage());
      return null;
    }
    java.util.List<ai.djl.Device> devices;
    try {
      engine.requireAvailable();
      devices = deviceSetting.strip().equals("cpu") ? java.util.List.of(ai.djl.Device.cpu())
          : DevicePlacement.parse(deviceSetting, DevicePlacement.Inventory.of(engine.djlName()));
    } catch (IllegalArgumentException | IOException e) {
      s.problem("device", e.getMessage());
      return null;
    }
    PooledModel.Placement placement = new PooledModel.Placement(devices, workers, warmUps,
        dtype.equals("fp16") ? PooledModel.Precision.FP16 : PooledModel.Precision.FP32);
    if (engine == InferenceEngine.PYTORCH
        && io.cascade4j.vision.model.EngineSettings.current().cudaStreamsFor(placement.usesGpu(), workers)) {
      // Several predictors on one GPU each get a CUDA stream of their own instead of queueing on the default one.
      System.setProperty("ai.djl.pytorch.enable_cuda_stream", "true");
    }
    PooledModel model;
    try {
      model = PooledModel.load(path, engine, placement);
    } catch (IOException | IllegalArgumentException e) {
      s.problem(e instanceof IllegalArgumentException ? "dtype" : "model", e.getMessage());
      return null;
    }
    if (reference.isPresent() && !parityHolds(s, model, Path.of(reference.get()), devices, inputShape, tolerance)) {
      model.close();
      return null;
    }
    if (inputShape.isPresent() && warmUps > 0) {
      long[] one = new long[inputShape.get().length + 1];
      one[0] = 1;
      System.arraycopy(inputShape.get(), 0, one, 1, inputShape.get().length);
      try {
        model.warmUp(one, warmUps);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        model.close();
        s.problem("warm-up", "interrupted while warming up");
        return null;
      } catch (RuntimeException e) {
        model.close();
        s.problem("model", "fails on its input shape " + java.util.Arrays.toString(one) + " while warming up: "
            + e.getMessage());
        return null;
      }
    }
    return model;
  }

  /**
   * Holds an fp16 export to its fp32 original once, at load: both run one seeded input of the stage's shape on the
   * same device; the largest difference, relative to the largest reference value, must stay within {@code
   * tolerance}. The measured difference is logged either way.
   */
  private static boolean parityHolds(Settings s, PooledModel model, Path referenceFile, java.util.List<ai.djl.Device>
      devices, java.util.Optional<long[]> inputShape, double tolerance) {
    if (inputShape.isEmpty()) {
      s.problem("fp32-reference", "needs a fixed input shape (a crop, an exact resize or a letterbox without stride)");
      return false;
    }
    long[] one = new long[inputShape.get().length + 1];
    one[0] = 1;
    System.arraycopy(inputShape.get(), 0, one, 1, inputShape.get().length);
    try (PooledModel reference = PooledModel.load(referenceFile, InferenceEngine.select("auto", referenceFile),
        new PooledModel.Placement(java.util.List.of(devices.getFirst()), 1, 0))) {
      double[] d = PooledModel.compare(model, reference, one, 72);
      double relative = d[1] == 0 ? d[0] : d[0] / d[1];
      org.slf4j.LoggerFactory.getLogger(VisionSettings.class).info(
          "{} against its fp32 reference {}: max abs diff {} ({} of the largest value)", model.path().getFileName(),
          referenceFile.getFileName(), String.format(Locale.ROOT, "%.3g", d[0]),
          String.format(Locale.ROOT, "%.3g", relative));
      if (relative > tolerance) {
        s.problem("fp32-reference", String.format(Locale.ROOT, "outputs differ from %s by %.3g (%.3g of the largest"
            + " value), more than parity-tolerance %.3g", referenceFile.getFileName(), d[0], relative, tolerance));
        return false;
      }
      return true;
    } catch (IOException | IllegalArgumentException e) {
      s.problem("fp32-reference", e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.problem("fp32-reference", "interrupted");
      return false;
    }
  }
}
