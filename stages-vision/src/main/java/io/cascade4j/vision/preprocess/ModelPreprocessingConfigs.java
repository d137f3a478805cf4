package io.cascade4j.vision.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the preprocessing a model was trained with from the files that ship with it, so a user points at them
 * instead of copying numbers: a Hugging Face {@code preprocessor_config.json} and a timm {@code pretrained_cfg}
 * (the {@code config.json} timm writes next to its weights, or the dict itself).
 */
public final class ModelPreprocessingConfigs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelPreprocessingConfigs() {}

  /**
   * From a Hugging Face image processor config: {@code size} ({@code shortest_edge}, or {@code height}/{@code width}),
   * {@code resample} (PIL code), {@code crop_size}, {@code image_mean}/{@code image_std}, and the {@code do_*} flags.
   * Hugging Face centre crops round the offset down, unlike torchvision; that is kept.
   *
   * @throws IOException if the file cannot be read or is not the JSON object described
   */
  public static Preprocessing.Builder huggingFace(Path file) throws IOException {
    JsonNode c = read(file);
    Preprocessing.Builder b = Preprocessing.builder().cropRounding(Preprocessing.CropRounding.FLOOR);
    b.interpolation(Interpolation.fromPilCode(c.path("resample").asInt(2)));
    if (c.path("do_resize").asBoolean(true) && c.has("size")) {
      JsonNode size = c.get("size");
      if (size.isInt()) {
        b.resizeShorterSide(size.asInt());
      } else if (size.has("shortest_edge")) {
        b.resizeShorterSide(size.get("shortest_edge").asInt());
      } else if (size.has("height") && size.has("width")) {
        b.resizeExact(size.get("width").asInt(), size.get("height").asInt());
      } else {
        throw new IOException(file + ": 'size' must be an int, {shortest_edge} or {height, width}, got " + size);
      }
    }
    if (c.path("do_center_crop").asBoolean(false) && c.has("crop_size")) {
      JsonNode crop = c.get("crop_size");
      if (crop.isInt()) {
        b.centerCrop(crop.asInt(), crop.asInt());
      } else {
        b.centerCrop(crop.path("width").asInt(), crop.path("height").asInt());
      }
    }
    double rescale = c.path("rescale_factor").asDouble(1 / 255.0);
    if (c.path("do_rescale").asBoolean(true) && Math.abs(rescale - 1 / 255.0) > 1e-12) {
      throw new IOException(file + ": rescale_factor " + rescale + " is not 1/255; only 1/255 is supported");
    }
    if (c.path("do_normalize").asBoolean(true) && c.has("image_mean")) {
      b.normalization(new Normalization(triple(file, c, "image_mean"), triple(file, c, "image_std")));
    }
    return b;
  }

  /**
   * From a timm {@code pretrained_cfg}: {@code input_size} [3, H, W], {@code interpolation}, {@code crop_pct},
   * {@code crop_mode} ({@code center}, {@code squash} or {@code border}), {@code mean}, {@code std}; the eval transform timm's
   * {@code transforms_imagenet_eval} builds. The cfg may be the file's root or under {@code pretrained_cfg}.
   *
   * @throws IOException if the file cannot be read, lacks {@code input_size}, or names an unknown crop mode
   */
  public static Preprocessing.Builder timm(Path file) throws IOException {
    JsonNode root = read(file);
    JsonNode c = root.has("pretrained_cfg") ? root.get("pretrained_cfg") : root;
    JsonNode input = c.path("input_size");
    if (!input.isArray() || input.size() != 3) {
      throw new IOException(file + ": timm pretrained_cfg needs input_size [3, height, width], got " + input);
    }
    int height = input.get(1).asInt();
    int width = input.get(2).asInt();
    double cropPct = c.path("crop_pct").asDouble(0.875);
    String cropMode = c.path("crop_mode").asText("center");
    Preprocessing.Builder b = Preprocessing.builder()
        .interpolation(Interpolation.fromName(c.path("interpolation").asText("bilinear")))
        .normalization(new Normalization(
            c.has("mean") ? triple(file, c, "mean") : new double[] {0.485, 0.456, 0.406},
            c.has("std") ? triple(file, c, "std") : new double[] {0.229, 0.224, 0.225}));
    int scaleHeight = (int) Math.floor(height / cropPct);
    int scaleWidth = (int) Math.floor(width / cropPct);
    switch (cropMode) {
      case "squash" -> b.resizeExact(scaleWidth, scaleHeight);
      case "center" -> {
        if (scaleHeight == scaleWidth) {
          b.resizeShorterSide(scaleHeight);
        } else {
          b.resizeKeepRatio(scaleWidth, scaleHeight, 0.0);
        }
      }
      case "border" -> {
        // Longer side fits, then the crop pads with the mean colour (timm: fill = round(255 * mean)).
        double[] mean = c.has("mean") ? triple(file, c, "mean") : new double[] {0.485, 0.456, 0.406};
        b.resizeKeepRatio(scaleWidth, scaleHeight, 1.0)
            .cropFill((int) Math.rint(255 * mean[0]), (int) Math.rint(255 * mean[1]), (int) Math.rint(255 * mean[2]));
      }
      default -> throw new IOException(file + ": crop_mode '" + cropMode
          + "' is not supported (use center, squash or border)");
    }
    return b.centerCrop(width, height);
  }

  private static JsonNode read(Path file) throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IOException(file + ": expected a JSON object");
    }
    return node;
  }

  private static double[] triple(Path file, JsonNode c, String key) throws IOException {
    JsonNode n = c.path(key);
    if (!n.isArray() || n.size() != 3) {
      throw new IOException(file + ": '" + key + "' must be three numbers, got " + n);
    }
    return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
  }
}
