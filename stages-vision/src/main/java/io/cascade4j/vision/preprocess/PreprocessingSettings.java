package io.cascade4j.vision.preprocess;

import io.cascade4j.api.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads a stage's {@code preprocessing:} section. Either import the model's own config and adjust the tensor layout:
 *
 * <pre>{@code
 * preprocessing:
 *   from-timm: models/gate/config.json          # or from-huggingface: models/dino/preprocessor_config.json
 *   backend: torchvision                         # from-huggingface: torchvision (transformers 5's default) | pil
 *   layout: chw                                  # chw | hwc
 * }</pre>
 *
 * or spell it out (defaults shown where there is one):
 *
 * <pre>{@code
 * preprocessing:
 *   resize: shorter-side      # none | exact | shorter-side | letterbox
 *   size: 256                 # shorter-side; or width: and height: for exact and letterbox
 *   max-size: 0               # shorter-side: cap on the longer side, 0 = none
 *   interpolation: bilinear   # nearest | bilinear | bicubic | area
 *   antialias: true           # true = PIL / torchvision-on-PIL, false = torchvision tensor interpolation
 *   backend: pil              # pil | opencv: cv2.resize itself (Ultralytics' letterbox; no antialiasing)
 *   decode: exact             # exact | reduced: large JPEGs decode at 1/2-1/8 scale (faster, pixels differ)
 *   crop: 224                 # centre crop (square); or crop-width: and crop-height:
 *   crop-rounding: half-even  # half-even (torchvision, timm) | floor (Hugging Face)
 *   pad-color: [114, 114, 114]
 *   normalization: imagenet   # imagenet | clip | half | none; or mean: [...] and std: [...]
 *   channel-order: rgb        # rgb | bgr
 *   layout: chw               # chw | hwc
 *   dtype: float32            # float32 | uint8
 * }</pre>
 *
 * Problems are recorded on the settings with their key path, so a cascade file reports all of them at once.
 */
public final class PreprocessingSettings {
  private PreprocessingSettings() {}

  /** The preprocessing in {@code s}, or {@code null} after recording problems on {@code s}. */
  public static Preprocessing.@org.jspecify.annotations.Nullable Builder read(Settings s) {
    Preprocessing.Builder b = imported(s);
    if (b == null) {
      return null;
    }
    int before = s.problems().size();
    attempt(s, "channel-order", () -> b.channelOrder(choice(s, "channel-order", "rgb",
        Preprocessing.ChannelOrder::valueOf)));
    attempt(s, "layout", () -> b.layout(choice(s, "layout", "chw", Preprocessing.Layout::valueOf)));
    attempt(s, "dtype", () -> b.dataType(choice(s, "dtype", "float32", Preprocessing.DataType::valueOf)));
    if (s.problems().size() != before) {
      return null;
    }
    try {
      b.build();
      return b;
    } catch (IllegalArgumentException e) {
      s.problem("dtype", e.getMessage());
      return null;
    }
  }

  private static Preprocessing.@org.jspecify.annotations.Nullable Builder imported(Settings s) {
    if (s.has("backend") && s.has("from-timm")) {
      s.problem("backend", "from-timm is PIL's arithmetic (timm's eval transform); backend applies to "
          + "from-huggingface and to preprocessing written out");
      return null;
    }
    for (String key : List.of("from-timm", "from-huggingface")) {
      if (s.has(key)) {
        Path file = Path.of(s.string(key));
        try {
          if (key.equals("from-timm")) {
            return ModelPreprocessingConfigs.timm(file);
          }
          String backend = s.string("backend", "torchvision");
          return switch (backend) {
            case "torchvision" -> ModelPreprocessingConfigs.huggingFace(file, Preprocessing.Backend.TORCHVISION);
            case "pil" -> ModelPreprocessingConfigs.huggingFace(file, Preprocessing.Backend.PIL);
            default -> {
              s.problem("backend", "must be torchvision (what transformers 5 builds by default) or pil (the "
                  + "...ImageProcessorPil classes), got '" + backend + "'");
              yield null;
            }
          };
        } catch (IOException | IllegalArgumentException e) {
          s.problem(key, e.getMessage());
          return null;
        }
      }
    }
    Preprocessing.Builder b = Preprocessing.builder();
    int before = s.problems().size();
    attempt(s, "resize", () -> {
      String resize = s.string("resize", "none");
      switch (resize) {
        case "none" -> { }
        case "shorter-side" -> b.resizeShorterSide(s.intValue("size", 224, 1, 16384),
            s.intValue("max-size", 0, 0, 65536));
        case "exact" -> b.resizeExact(s.intValue("width", 224, 1, 16384), s.intValue("height", 224, 1, 16384));
        case "letterbox" -> b.letterbox(s.intValue("width", 640, 1, 16384), s.intValue("height", 640, 1, 16384),
            s.intValue("stride", 0, 0, 1024));
        default -> s.problem("resize", "must be none, exact, shorter-side or letterbox, got '" + resize + "'");
      }
    });
    attempt(s, "interpolation", () -> b.interpolation(Interpolation.fromName(s.string("interpolation", "bilinear"))));
    String backend = s.string("backend", "pil");
    switch (backend) {
      case "pil" -> b.backend(Preprocessing.Backend.PIL);
      case "opencv" -> {
        b.backend(Preprocessing.Backend.OPENCV);
        if (s.has("antialias")) {
          s.problem("antialias", "cv2.resize does not antialias; drop antialias with backend: opencv");
        }
      }
      default -> s.problem("backend", "must be pil or opencv for preprocessing written out (torchvision is for "
          + "from-huggingface), got '" + backend + "'");
    }
    b.antialias(s.booleanValue("antialias", true));
    String decode = s.string("decode", "exact");
    if (!decode.equals("exact") && !decode.equals("reduced")) {
      s.problem("decode", "must be exact or reduced, got '" + decode + "'");
    }
    b.reducedDecode(decode.equals("reduced"));
    attempt(s, "crop", () -> {
      if (s.has("crop")) {
        int crop = s.intValue("crop", 224, 1, 16384);
        b.centerCrop(crop, crop);
      } else if (s.has("crop-width") || s.has("crop-height")) {
        b.centerCrop(s.intValue("crop-width", 224, 1, 16384), s.intValue("crop-height", 224, 1, 16384));
      }
    });
    attempt(s, "crop-rounding",
        () -> b.cropRounding(choice(s, "crop-rounding", "half-even", Preprocessing.CropRounding::valueOf)));
    attempt(s, "pad-color", () -> {
      if (s.has("pad-color")) {
        double[] pad = numbers(s, "pad-color");
        b.padColor((int) pad[0], (int) pad[1], (int) pad[2]);
      }
    });
    attempt(s, "normalization", () -> {
      if (s.has("mean") || s.has("std")) {
        b.normalization(new Normalization(numbers(s, "mean"), numbers(s, "std")));
      } else {
        b.normalization(Normalization.preset(s.string("normalization", "none")));
      }
    });
    return s.problems().size() == before ? b : null;
  }

  /** Runs one step, recording a bad value as a problem under {@code key} so every problem is reported together. */
  private static void attempt(Settings s, String key, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException e) {
      s.problem(key, e.getMessage());
    }
  }

  private static <E extends Enum<E>> E choice(Settings s, String key, String def, Function<String, E> valueOf) {
    String v = s.string(key, def);
    try {
      return valueOf.apply(v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown value '" + v + "'", e);
    }
  }

  private static double[] numbers(Settings s, String key) {
    List<String> values = s.stringList(key);
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Double.parseDouble(values.get(i));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("[" + i + "] must be a number, got '" + values.get(i) + "'", e);
      }
    }
    if (out.length != 3) {
      throw new IllegalArgumentException("needs three values (R, G, B), got " + values);
    }
    return out;
  }
}
