package io.cascade4j.vision.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads the preprocessing a model was trained with from the files that ship with it, so a user points at them
 * instead of copying numbers: a Hugging Face {@code preprocessor_config.json} and a timm {@code pretrained_cfg}
 * (the {@code config.json} timm writes next to its weights, or the dict itself).
 */
public final class ModelPreprocessingConfigs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelPreprocessingConfigs() {}

  /** Keys of a timm {@code pretrained_cfg} that its eval transform reads, all honoured. */
  private static final Set<String> TIMM_HONOURED = Set.of("input_size", "interpolation", "crop_pct", "crop_mode",
      "mean", "std");
  /**
   * The other fields of timm's {@code PretrainedCfg}: where the weights come from, what the model outputs, and the
   * {@code test_*} sizes, which {@code resolve_data_config} reads only when asked ({@code use_test_size=True}).
   */
  private static final Set<String> TIMM_NO_EFFECT = Set.of("url", "file", "state_dict", "hf_hub_id",
      "hf_hub_filename", "source", "architecture", "tag", "custom_load", "test_input_size", "min_input_size",
      "fixed_input_size", "test_crop_pct", "num_classes", "label_offset", "label_names", "label_descriptions",
      "pool_size", "test_pool_size", "first_conv", "classifier", "license", "description", "origin_url",
      "paper_name", "paper_ids", "notes");

  /** Keys of a Hugging Face processor config that the import honours exactly. */
  private static final Set<String> HF_HONOURED = Set.of("size", "resample", "do_resize", "crop_size",
      "do_center_crop", "crop_pct", "do_rescale", "rescale_factor", "do_normalize", "image_mean", "image_std",
      "do_convert_rgb", "do_pad", "default_to_square");
  /** Keys that do not change the pixels of one image at inference (names, annotation handling, tensor format). */
  private static final Set<String> HF_NO_EFFECT = Set.of("image_processor_type", "processor_class",
      "feature_extractor_type", "_processor_class", "auto_map", "format", "do_convert_annotations",
      "input_data_format", "data_format", "return_tensors", "device", "do_reduce_labels", "reduce_labels");
  /** Processors whose {@code size: N} means the shortest edge ({@code default_to_square=False}). */
  private static final Set<String> HF_INT_SIZE_IS_SHORTEST_EDGE = Set.of("CLIPImageProcessor",
      "ChineseCLIPImageProcessor", "ConvNextImageProcessor", "BitImageProcessor", "MobileNetV1ImageProcessor",
      "MobileNetV2ImageProcessor", "MobileViTImageProcessor", "LevitImageProcessor");
  /**
   * Processors with no PIL variant that rescale to [0, 1] before resizing, so they resize floats (antialiased
   * torchvision) rather than 8-bit images.
   */
  private static final Set<String> HF_RESIZE_FLOATS = Set.of("DINOv3ViTImageProcessor");
  /** Processors whose {@code size: N} means N x N. */
  private static final Set<String> HF_INT_SIZE_IS_SQUARE = Set.of("ViTImageProcessor", "DeiTImageProcessor",
      "BeitImageProcessor", "SiglipImageProcessor", "ViTHybridImageProcessor");

  /**
   * From a Hugging Face image processor config, as transformers 5's {@code AutoImageProcessor} builds it by default:
   * the torchvision backend ({@link Preprocessing.Backend#TORCHVISION}, or {@link
   * Preprocessing.Backend#TORCHVISION_FLOAT} for processors that resize floats).
   *
   * @see #huggingFace(Path, Preprocessing.Backend)
   */
  public static Preprocessing.Builder huggingFace(Path file) throws IOException {
    return huggingFace(file, Preprocessing.Backend.TORCHVISION);
  }

  /**
   * From a Hugging Face image processor config, as transformers 5 computes it with {@code backend}: {@code
   * TORCHVISION} (what {@code AutoImageProcessor.from_pretrained} builds by default) or {@code PIL} (the {@code
   * ...ImageProcessorPil} classes, {@code backend="pil"}); both save the same file. Reads {@code size} ({@code
   * {shortest_edge}}, {@code {shortest_edge, longest_edge}} as the DETR family's {@code get_size_with_aspect_ratio},
   * {@code {height, width}}, or an int read as the processor reads it), ConvNeXt's {@code crop_pct}, {@code
   * resample}, {@code crop_size}, {@code image_mean} / {@code image_std} and the {@code do_*} flags.
   * DINOv3ViTImageProcessor (torchvision only) rescales before it resizes and gets {@code TORCHVISION_FLOAT}. Every
   * other key that could change the pixels is refused with its name (SigLIP2's NaFlex {@code max_num_patches} and
   * {@code patch_size}, {@code pad_size}, ...): the import never silently ignores one. Hugging Face centre crops round
   * the offset down, unlike torchvision; that is kept.
   *
   * @throws IOException if the file cannot be read, is not the JSON object described, or asks for what the import
   *     cannot reproduce (the message names the key)
   */
  public static Preprocessing.Builder huggingFace(Path file, Preprocessing.Backend backend) throws IOException {
    JsonNode c = read(file);
    String type = c.path("image_processor_type").asText(c.path("feature_extractor_type").asText(""))
        .replaceFirst("(Pil|Fast)$", "").replace("FeatureExtractor", "ImageProcessor");
    if (HF_RESIZE_FLOATS.contains(type)) {
      if (backend == Preprocessing.Backend.PIL) {
        throw new IOException(file + ": " + type + " has no PIL variant (it rescales to [0, 1] before it resizes "
            + "floats with torchvision); use backend: torchvision");
      }
      backend = Preprocessing.Backend.TORCHVISION_FLOAT;
    } else if (backend == Preprocessing.Backend.TORCHVISION_FLOAT) {
      throw new IOException(file + ": " + type + " resizes 8-bit images; the float backend is for "
          + String.join(", ", HF_RESIZE_FLOATS));
    }
    for (java.util.Iterator<String> keys = c.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!HF_HONOURED.contains(key) && !HF_NO_EFFECT.contains(key)) {
        throw new IOException(file + ": '" + key + "' is not supported by the import" + switch (key) {
          case "max_num_patches", "patch_size" -> " (SigLIP2 NaFlex resizes to a patch budget and packs patches; "
              + "export the fixed-resolution tower and give size: {height, width})";
          case "pad_size" -> " (padding every image to a fixed size)";
          default -> "";
        } + ": it could change the pixels, so write the preprocessing out instead of importing it");
      }
    }
    if (!c.path("do_convert_rgb").asBoolean(true)) {
      throw new IOException(file + ": do_convert_rgb false is not supported: images are always decoded to RGB");
    }
    if (c.path("do_pad").asBoolean(false) && c.has("pad_size")) {
      throw new IOException(file + ": do_pad with pad_size is not supported");
    }
    Preprocessing.Builder b = Preprocessing.builder().cropRounding(Preprocessing.CropRounding.FLOOR)
        .backend(backend);
    b.interpolation(Interpolation.fromPilCode(c.path("resample").asInt(2)));
    boolean cropPctResize = false;
    if (c.path("do_resize").asBoolean(true) && c.has("size")) {
      JsonNode size = c.get("size");
      if (c.has("crop_pct") && !type.equals("ConvNextImageProcessor")) {
        throw new IOException(file + ": crop_pct is supported for ConvNextImageProcessor only, here " + type);
      }
      if (size.isInt()) {
        boolean square = c.has("default_to_square") ? c.get("default_to_square").asBoolean()
            : HF_INT_SIZE_IS_SQUARE.contains(type);
        if (!c.has("default_to_square") && !square && !HF_INT_SIZE_IS_SHORTEST_EDGE.contains(type)) {
          throw new IOException(file + ": 'size' " + size + " means N x N for some processors and the shortest edge "
              + "for others, and " + (type.isEmpty() ? "no image_processor_type is given" : type + " is not known here")
              + ": write size as {shortest_edge: N} or {height: N, width: N}");
        }
        if (square) {
          b.resizeExact(size.asInt(), size.asInt());
        } else {
          cropPctResize = shortestEdge(b, c, type, size.asInt());
        }
      } else if (size.has("shortest_edge") && size.has("longest_edge")) {
        b.resizeShortestLongestEdge(size.get("shortest_edge").asInt(), size.get("longest_edge").asInt());
      } else if (size.has("shortest_edge") && size.size() == 1) {
        cropPctResize = shortestEdge(b, c, type, size.get("shortest_edge").asInt());
      } else if (size.has("height") && size.has("width") && size.size() == 2) {
        b.resizeExact(size.get("width").asInt(), size.get("height").asInt());
      } else {
        throw new IOException(file + ": 'size' must be an int, {shortest_edge}, {shortest_edge, longest_edge} or "
            + "{height, width}, got " + size);
      }
    }
    if (!cropPctResize && c.path("do_center_crop").asBoolean(false) && c.has("crop_size")) {
      JsonNode crop = c.get("crop_size");
      if (crop.isInt()) {
        b.centerCrop(crop.asInt(), crop.asInt());
      } else {
        b.centerCrop(crop.path("width").asInt(), crop.path("height").asInt());
      }
    }
    if (!c.path("do_rescale").asBoolean(true)) {
      throw new IOException(file + ": do_rescale false (values kept at 0..255) is not supported: float tensors are "
          + "always scaled to [0, 1]; write the preprocessing out with dtype: uint8 if the model takes raw levels");
    }
    double rescale = c.path("rescale_factor").asDouble(1 / 255.0);
    if (Math.abs(rescale - 1 / 255.0) > 1e-12) {
      throw new IOException(file + ": rescale_factor " + rescale + " is not 1/255; only 1/255 is supported");
    }
    if (c.path("do_normalize").asBoolean(true) && c.has("image_mean")) {
      b.normalization(new Normalization(triple(file, c, "image_mean"), triple(file, c, "image_std")));
    }
    try {
      b.build();
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return b;
  }

  /**
   * A shortest-edge resize; with ConvNeXt's {@code crop_pct} (below 384) the shortest edge goes to {@code
   * int(edge / crop_pct)} and a centre crop of {@code edge x edge} follows, at 384 and above the image is resized to
   * {@code edge x edge} (ConvNextImageProcessor.resize, whose crop_pct defaults to 224 / 256). Returns whether
   * crop_pct decided the crop.
   */
  private static boolean shortestEdge(Preprocessing.Builder b, JsonNode c, String type, int edge) {
    if (!type.equals("ConvNextImageProcessor")) {
      b.resizeShorterSide(edge);
      return false;
    }
    double cropPct = c.has("crop_pct") && !c.get("crop_pct").isNull() ? c.get("crop_pct").asDouble() : 224 / 256.0;
    if (edge < 384) {
      b.resizeShorterSide((int) (edge / cropPct)).centerCrop(edge, edge);
    } else {
      b.resizeExact(edge, edge);
    }
    return true;
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
    for (java.util.Iterator<String> keys = c.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!TIMM_HONOURED.contains(key) && !TIMM_NO_EFFECT.contains(key)) {
        throw new IOException(file + ": '" + key + "' is not a timm pretrained_cfg key the import knows; it could "
            + "change the pixels, so write the preprocessing out instead of importing it");
      }
    }
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
