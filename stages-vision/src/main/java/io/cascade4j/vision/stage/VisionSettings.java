package io.cascade4j.vision.stage;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.vision.image.ExifOrientation;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.core.image.ImageLimits;
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
   * {@code max-bytes} (16 MiB), {@code max-pixels} (40 M) and {@code exif-orientation} ({@code ignore} | {@code
   * apply}).
   */
  public static ImageDecoder decoder(Settings s) {
    long maxBytes = s.intValue("max-bytes", (int) ImageLimits.DEFAULT.maxEncodedBytes(), 1, Integer.MAX_VALUE);
    long maxPixels = s.intValue("max-pixels", (int) ImageLimits.DEFAULT.maxPixels(), 1, Integer.MAX_VALUE);
    String exif = s.string("exif-orientation", "ignore");
    ExifOrientation orientation = ExifOrientation.IGNORE;
    try {
      orientation = ExifOrientation.valueOf(exif.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      s.problem("exif-orientation", "must be ignore or apply, got '" + exif + "'");
    }
    return new ImageDecoder(new ImageLimits(maxBytes, maxPixels), orientation);
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
   * Loads {@code model} with {@code engine} ({@code auto}) and {@code pool-size} predictors (default 2). The keys are
   * read whatever else is wrong, so one mistake elsewhere never makes them look unknown; the model is loaded only
   * when the settings have no problem so far (null otherwise).
   */
  public static @Nullable PooledModel model(Settings s) {
    String file = s.string("model");
    String engineName = s.string("engine", "auto");
    int pool = s.intValue("pool-size", 2, 1, 256);
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
    try {
      return PooledModel.load(path, engine, pool);
    } catch (IOException e) {
      s.problem("model", e.getMessage());
      return null;
    }
  }
}
