package io.cascade4j.vision.preprocess;

import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One stage's image preprocessing: resize, centre crop, scale and normalise, then lay the values out as the model
 * expects. With {@code antialias} on (the default) the result equals torchvision's transforms on a PIL image (which
 * is what timm and Hugging Face processors use in training); with it off, torchvision's tensor path.
 *
 * <pre>{@code
 * Preprocessing p = Preprocessing.builder()
 *     .resizeShorterSide(256).interpolation(Interpolation.BICUBIC)
 *     .centerCrop(224, 224)
 *     .normalization(Normalization.IMAGENET)
 *     .build();
 * ImageTensor chw = p.apply(decoder.decode(jpegBytes)); // [3, 224, 224] float32
 * }</pre>
 *
 * <p>Immutable and thread-safe; build once per stage.
 */
public final class Preprocessing {

  /** How the image is brought to the model's size before cropping. */
  public enum ResizeMode {
    /** Keep the decoded size. */
    NONE,
    /** Exactly {@code width x height}, ignoring aspect ratio (timm's {@code squash}). */
    EXACT,
    /** Shorter side to {@code size}, longer side scaled to keep the ratio (torchvision {@code Resize(int)}). */
    SHORTER_SIDE,
    /**
     * Hugging Face's {@code {shortest_edge, longest_edge}} (DETR family, {@code get_size_with_aspect_ratio}): shorter
     * side to {@code shortest_edge} unless the longer would pass {@code longest_edge}, then the longer side to it.
     */
    SHORTEST_LONGEST_EDGE,
    /** Fit inside {@code width x height} keeping the ratio, pad the rest with the pad colour (YOLO letterbox). */
    LETTERBOX,
    /**
     * timm's {@code ResizeKeepRatio}: scale both sides by one ratio between "shorter side fits" ({@code longest} 0)
     * and "longer side fits" ({@code longest} 1), sizes rounded half to even.
     */
    KEEP_RATIO
  }

  /** Where a centre crop starts when the margin is odd. */
  public enum CropRounding {
    /** torchvision and timm: {@code int(round((h - crop) / 2))}, Python's round half to even. */
    HALF_EVEN,
    /** Hugging Face image processors: {@code (h - crop) // 2}. */
    FLOOR
  }

  /** The order of the colour channels in the tensor. */
  public enum ChannelOrder { RGB, BGR }

  /** Channels first ({@code [3, H, W]}, PyTorch) or last ({@code [H, W, 3]}). */
  public enum Layout { CHW, HWC }

  /** Float32 values scaled to [0, 1] and normalised, or the raw 0..255 values as uint8. */
  public enum DataType { FLOAT32, UINT8 }

  /**
   * Whose arithmetic the resize and the scaling follow. PIL's for torchvision transforms on PIL images, timm, and
   * transformers' {@code ...ImageProcessorPil}; transformers 5 builds its torchvision-based processors by default,
   * which compute the same steps with other rounding.
   */
  public enum Backend {
    /** PIL's 8-bit resize (22-bit fixed point), then {@code (x / 255 - mean) / std} in float32. */
    PIL,
    /**
     * transformers' torchvision backend on uint8 tensors: ATen's antialiased 8-bit resize (16-bit fixed point), then
     * rescale and normalise fused as {@code (x - 255 mean) / (255 std)} in float32 (just {@code x * (1/255)} without
     * normalisation). Bilinear and bicubic only.
     */
    TORCHVISION,
    /**
     * Processors that rescale before resizing (DINOv3ViTImageProcessor): {@code x * (1/255)}, ATen's antialiased
     * float resize, then {@code (x - mean) / std}; within float rounding of the processor ({@link FloatResize}).
     */
    TORCHVISION_FLOAT,
    /**
     * OpenCV's {@code cv2.resize} (bilinear is {@code INTER_LINEAR}), called, not re-implemented: Ultralytics'
     * letterbox, so YOLO exports. cv2 does not antialias, whatever {@code antialias} says. Then {@code (x / 255 -
     * mean) / std}.
     */
    OPENCV
  }

  private final ResizeMode resizeMode;
  private final int resizeWidth;
  private final int resizeHeight;
  private final int maxSize;
  private final Interpolation interpolation;
  private final boolean antialias;
  private final int cropWidth;
  private final int cropHeight;
  private final CropRounding cropRounding;
  private final int[] padColor;
  private final int[] cropFill;
  private final double longest;
  private final int letterboxStride;
  private final Normalization normalization;
  private final ChannelOrder channelOrder;
  private final Layout layout;
  private final DataType dataType;
  private final boolean reducedDecode;
  private final Backend backend;

  private Preprocessing(Builder b) {
    this.resizeMode = b.resizeMode;
    this.resizeWidth = b.resizeWidth;
    this.resizeHeight = b.resizeHeight;
    this.maxSize = b.maxSize;
    this.interpolation = b.interpolation;
    this.antialias = b.antialias;
    this.cropWidth = b.cropWidth;
    this.cropHeight = b.cropHeight;
    this.cropRounding = b.cropRounding;
    this.padColor = b.padColor.clone();
    this.cropFill = b.cropFill.clone();
    this.longest = b.longest;
    this.letterboxStride = b.letterboxStride;
    this.normalization = b.normalization;
    this.channelOrder = b.channelOrder;
    this.layout = b.layout;
    this.dataType = b.dataType;
    this.reducedDecode = b.reducedDecode;
    this.backend = b.backend;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How the image is brought to the model's size. */
  public ResizeMode resizeMode() {
    return resizeMode;
  }

  /** Whether a centre crop follows the resize. */
  public boolean crops() {
    return cropWidth > 0;
  }

  /** Float32 (scaled and normalised) or raw uint8 values. */
  public DataType dataType() {
    return dataType;
  }

  /** Whose arithmetic the resize and the scaling follow. */
  public Backend backend() {
    return backend;
  }

  /**
   * Resizes and crops, giving the 8-bit image the model's tensor is made from.
   *
   * @throws IllegalStateException for {@link Backend#TORCHVISION_FLOAT}, which resizes floats, not 8-bit images
   */
  public RgbImage geometry(RgbImage image) {
    if (backend == Backend.TORCHVISION_FLOAT) {
      throw new IllegalStateException("this pipeline resizes float values, not an 8-bit image; use prepare()");
    }
    if (resizeMode == ResizeMode.LETTERBOX) {
      RgbImage boxed = letterbox(image);
      return cropWidth > 0 ? centerCrop(boxed) : boxed;
    }
    int[] size = resizedSize(image.width(), image.height());
    boolean resizes = size[0] != image.width() || size[1] != image.height();
    if (resizes && cropWidth > 0 && cropWidth <= size[0] && cropHeight <= size[1] && usesAntialiasedResize()
        && backend != Backend.OPENCV) {
      // A crop inside the resized image: resample only the window it keeps (the same bytes, less work).
      return AntialiasedResize.resizeRegion(image, size[0], size[1], interpolation, fixedPoint(),
          offset(size[0] - cropWidth),
          offset(size[1] - cropHeight), cropWidth, cropHeight);
    }
    RgbImage resized = resizes ? resize(image, size[0], size[1]) : image;
    return cropWidth > 0 ? centerCrop(resized) : resized;
  }

  /**
   * The tensor shape every image gets ({@code [3, h, w]} or {@code [h, w, 3]}) when the pipeline ends in a fixed size
   * (a crop, an exact resize, a letterbox without stride); empty when the size follows the image.
   */
  public java.util.Optional<long[]> fixedShape() {
    int w;
    int h;
    if (cropWidth > 0) {
      w = cropWidth;
      h = cropHeight;
    } else if (resizeMode == ResizeMode.EXACT || (resizeMode == ResizeMode.LETTERBOX && letterboxStride == 0)) {
      w = resizeWidth;
      h = resizeHeight;
    } else {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(layout == Layout.CHW ? new long[] {3, h, w} : new long[] {h, w, 3});
  }

  /** The full pipeline: geometry, then scaling, normalisation and layout. */
  public ImageTensor apply(RgbImage image) {
    Prepared prepared = prepare(image);
    int values = Math.toIntExact(prepared.values());
    float[] floats = dataType == DataType.FLOAT32 ? new float[values] : new float[0];
    byte[] bytes = dataType == DataType.UINT8 ? new byte[values] : new byte[0];
    if (dataType == DataType.FLOAT32) {
      prepared.writeInto(java.nio.FloatBuffer.wrap(floats));
    } else {
      prepared.writeBytes(bytes);
    }
    return new ImageTensor(prepared.shape(), floats, bytes);
  }

  /**
   * The geometry done, the values not yet written: its {@link Prepared#shape()} is known, so a model can lend the
   * buffer the values go into ({@code PooledModel.run(shape, prepared::writeInto)}) and no float array is made.
   */
  public Prepared prepare(RgbImage image) {
    if (backend != Backend.TORCHVISION_FLOAT) {
      return new Prepared(geometry(image), null);
    }
    int[] size = resizedSize(image.width(), image.height());
    FloatResize.Planes planes = FloatResize.rescaleAndResize(image, size[0], size[1], interpolation);
    return new Prepared(null, cropWidth > 0 ? planes.centerCrop(cropWidth, cropHeight) : planes);
  }

  /** An image after resizing and cropping, ready to be written as a tensor. */
  public final class Prepared {
    /** The 8-bit image, or null where the pipeline resized floats ({@link Backend#TORCHVISION_FLOAT}). */
    private final @Nullable RgbImage img;
    private final FloatResize.@Nullable Planes planes;

    private Prepared(@Nullable RgbImage img, FloatResize.@Nullable Planes planes) {
      this.img = img;
      this.planes = planes;
    }

    /** {@code [3, h, w]} or {@code [h, w, 3]}. */
    public long[] shape() {
      return layout == Layout.CHW ? new long[] {3, height(), width()} : new long[] {height(), width(), 3};
    }

    /** {@link #shape()} with a batch of one in front. */
    public long[] batchShape() {
      long[] one = shape();
      return new long[] {1, one[0], one[1], one[2]};
    }

    long values() {
      return 3L * width() * height();
    }

    /** The width after the geometry. */
    public int width() {
      return img != null ? img.width() : java.util.Objects.requireNonNull(planes).width();
    }

    /** The height after the geometry. */
    public int height() {
      return img != null ? img.height() : java.util.Objects.requireNonNull(planes).height();
    }

    /** Scales, normalises and lays out the pixels into {@code out} from its position on (float32 pipelines). */
    public void writeInto(java.nio.FloatBuffer out) {
      if (dataType != DataType.FLOAT32) {
        throw new IllegalStateException("this pipeline makes uint8 tensors, not floats");
      }
      if (img == null) {
        writeFloats(java.util.Objects.requireNonNull(planes), out);
        return;
      }
      int plane = img.width() * img.height();
      byte[] rgb = img.sharedPixels();
      int base = out.position();
      float[][] table = backend == Backend.TORCHVISION ? normalization.fusedTable() : normalization.table();
      if (layout == Layout.CHW) {
        // All three planes in one sequential read of the pixels, through the lookup tables, in blocks written with
        // one bulk put per plane: a direct buffer (a model's reused input) costs a bounds check per call, not per
        // value.
        int block = Math.min(plane, 4096);
        float[] first = new float[block];
        float[] second = new float[block];
        float[] third = new float[block];
        boolean rgbOrder = channelOrder == ChannelOrder.RGB;
        float[] red = table[0];
        float[] green = table[1];
        float[] blue = table[2];
        for (int start = 0; start < plane; start += block) {
          int n = Math.min(block, plane - start);
          for (int i = 0, p = start * 3; i < n; i++, p += 3) {
            first[i] = red[rgb[p] & 0xFF];
            second[i] = green[rgb[p + 1] & 0xFF];
            third[i] = blue[rgb[p + 2] & 0xFF];
          }
          out.put(base + (rgbOrder ? 0 : 2) * plane + start, first, 0, n);
          out.put(base + plane + start, second, 0, n);
          out.put(base + (rgbOrder ? 2 : 0) * plane + start, third, 0, n);
        }
      } else {
        for (int p = 0; p < plane; p++) {
          for (int c = 0; c < 3; c++) {
            int source = channelOrder == ChannelOrder.RGB ? c : 2 - c;
            out.put(base + p * 3 + c, table[source][rgb[p * 3 + source] & 0xFF]);
          }
        }
      }
      out.position(base + 3 * plane);
    }

    /** The float pipeline's planes, normalised as torchvision's {@code Normalize}, in the model's order and layout. */
    private void writeFloats(FloatResize.Planes p, java.nio.FloatBuffer out) {
      int plane = p.width() * p.height();
      int base = out.position();
      float[] chw = p.chw();
      for (int c = 0; c < 3; c++) {
        int source = channelOrder == ChannelOrder.RGB ? c : 2 - c;
        for (int i = 0; i < plane; i++) {
          float v = normalization.normalise(chw[source * plane + i], source);
          out.put(layout == Layout.CHW ? base + c * plane + i : base + i * 3 + c, v);
        }
      }
      out.position(base + 3 * plane);
    }

    void writeBytes(byte[] out) {
      RgbImage img = java.util.Objects.requireNonNull(this.img, "uint8 pipelines resize 8-bit images");
      int plane = img.width() * img.height();
      byte[] rgb = img.sharedPixels();
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < 3; c++) {
          int source = channelOrder == ChannelOrder.RGB ? c : 2 - c;
          out[layout == Layout.CHW ? c * plane + p : p * 3 + c] = rgb[p * 3 + source];
        }
      }
    }
  }

  /** The size the resize step gives an image of {@code width x height} (the letterbox's scaled size before padding). */
  private int[] resizedSize(int width, int height) {
    return switch (resizeMode) {
      case NONE -> new int[] {width, height};
      case EXACT -> new int[] {resizeWidth, resizeHeight};
      case SHORTER_SIDE -> shorterSideSize(width, height, resizeWidth, maxSize);
      case SHORTEST_LONGEST_EDGE -> shortestLongestEdgeSize(width, height, resizeWidth, maxSize);
      case KEEP_RATIO -> {
        double ratioH = (double) height / resizeHeight;
        double ratioW = (double) width / resizeWidth;
        double ratio = Math.max(ratioH, ratioW) * longest + Math.min(ratioH, ratioW) * (1.0 - longest);
        yield new int[] {(int) Math.rint(width / ratio), (int) Math.rint(height / ratio)};
      }
      case LETTERBOX -> {
        double r = Math.min((double) resizeHeight / height, (double) resizeWidth / width);
        yield new int[] {(int) Math.rint(width * r), (int) Math.rint(height * r)};
      }
    };
  }

  /**
   * How far a JPEG may be scaled down while it is decoded for this pipeline: exact unless {@code decode: reduced} is
   * set, then, for an image of {@code width x height}, the largest factor (2, 4 or 8) whose decoded image is still at
   * least the resize target on both sides, so the resize only ever shrinks. The pixels then differ from an exact
   * decode followed by the same resize (libjpeg's DCT scaling is not PIL's filter): the cost is measured in
   * docs/performance.md, which is why it is a choice and not a default.
   */
  public ImageDecoder.Reduction decodeScale() {
    return reducedDecode && resizeMode != ResizeMode.NONE ? this::reduction : ImageDecoder.Reduction.EXACT;
  }

  private int reduction(int width, int height) {
    int[] target = resizedSize(width, height);
    for (int factor = 8; factor > 1; factor /= 2) {
      if ((width + factor - 1) / factor >= target[0] && (height + factor - 1) / factor >= target[1]) {
        return factor;
      }
    }
    return 1;
  }

  private boolean usesAntialiasedResize() {
    return antialias || interpolation == Interpolation.AREA;
  }

  private AntialiasedResize.FixedPoint fixedPoint() {
    return backend == Backend.TORCHVISION ? AntialiasedResize.FixedPoint.TORCH_INT16 : AntialiasedResize.FixedPoint.PIL;
  }

  private RgbImage resize(RgbImage image, int width, int height) {
    if (backend == Backend.OPENCV) {
      return OpenCvResize.resize(image, width, height, interpolation);
    }
    return usesAntialiasedResize()
        ? AntialiasedResize.resize(image, width, height, interpolation, fixedPoint())
        : TorchResize.resize(image, width, height, interpolation);
  }

  /** torchvision's {@code _compute_resized_output_size} for an int size, with optional {@code max_size}. */
  static int[] shorterSideSize(int width, int height, int size, int maxSize) {
    int shortSide = Math.min(width, height);
    int longSide = Math.max(width, height);
    int newShort = size;
    int newLong = (int) ((double) size * longSide / shortSide);
    if (maxSize > 0 && newLong > maxSize) {
      newShort = (int) ((double) maxSize * newShort / newLong);
      newLong = maxSize;
    }
    return width <= height ? new int[] {newShort, newLong} : new int[] {newLong, newShort};
  }

  /**
   * Hugging Face's {@code get_size_with_aspect_ratio(image_size, size, max_size)}, line for line: where the longer
   * side would pass {@code maxSize} the shorter side becomes {@code round(maxSize * short / long)} and the longer is
   * computed from the unrounded value, so a 1920x1080 frame at (800, 1333) becomes 1333x750 (torchvision's
   * {@code max_size} would give 1333x749).
   */
  static int[] shortestLongestEdgeSize(int width, int height, int size, int maxSize) {
    double rawSize = -1;
    double minOriginal = Math.min(width, height);
    double maxOriginal = Math.max(width, height);
    if (maxOriginal / minOriginal * size > maxSize) {
      rawSize = maxSize * minOriginal / maxOriginal;
      size = (int) Math.rint(rawSize); // Python's round: half to even, as rint
    }
    int outHeight;
    int outWidth;
    if ((height <= width && height == size) || (width <= height && width == size)) {
      outHeight = height;
      outWidth = width;
    } else if (width < height) {
      outWidth = size;
      outHeight = (int) (rawSize >= 0 ? rawSize * height / width : (double) size * height / width);
    } else {
      outHeight = size;
      outWidth = (int) (rawSize >= 0 ? rawSize * width / height : (double) size * width / height);
    }
    return new int[] {outWidth, outHeight};
  }

  /**
   * Ultralytics' LetterBox: scale to fit, round the new size, keep only the padding beyond a stride multiple when a
   * stride is set, split the padding with a 0.1 bias.
   */
  private RgbImage letterbox(RgbImage image) {
    int[] size = resizedSize(image.width(), image.height());
    int w = size[0];
    int h = size[1];
    int padW = letterboxStride > 0 ? (resizeWidth - w) % letterboxStride : resizeWidth - w;
    int padH = letterboxStride > 0 ? (resizeHeight - h) % letterboxStride : resizeHeight - h;
    int left = (int) Math.rint(padW / 2.0 - 0.1);
    int top = (int) Math.rint(padH / 2.0 - 0.1);
    return resize(image, w, h).placeOn(w + padW, h + padH, left, top, padColor);
  }

  /**
   * torchvision's {@code center_crop} (timm's {@code CenterCropOrPad}): padding first, with the crop fill colour
   * (black unless set), when the crop is larger than the image.
   */
  private RgbImage centerCrop(RgbImage image) {
    RgbImage img = image;
    if (cropWidth > img.width() || cropHeight > img.height()) {
      int padLeft = cropWidth > img.width() ? (cropWidth - img.width()) / 2 : 0;
      int padTop = cropHeight > img.height() ? (cropHeight - img.height()) / 2 : 0;
      img = img.placeOn(Math.max(cropWidth, img.width()), Math.max(cropHeight, img.height()), padLeft, padTop,
          cropFill);
    }
    int top = offset(img.height() - cropHeight);
    int left = offset(img.width() - cropWidth);
    return img.crop(left, top, cropWidth, cropHeight);
  }

  private int offset(int margin) {
    return cropRounding == CropRounding.FLOOR ? Math.floorDiv(margin, 2) : (int) Math.rint(margin / 2.0);
  }

  @Override
  public String toString() {
    return "Preprocessing[resize=" + resizeMode + " " + resizeWidth + "x" + resizeHeight
        + (maxSize > 0 ? " max " + maxSize : "") + (resizeMode == ResizeMode.KEEP_RATIO ? " longest " + longest : "")
        + ", " + interpolation.name().toLowerCase(java.util.Locale.ROOT)
        + (antialias ? " antialiased" : "") + (cropWidth > 0 ? ", crop " + cropWidth + "x" + cropHeight + " "
        + cropRounding : "") + ", " + normalization + ", " + channelOrder + " " + layout + " " + dataType
        + (reducedDecode ? ", reduced decode" : "") + (backend != Backend.PIL ? ", " + backend : "")
        + (resizeMode == ResizeMode.LETTERBOX ? ", pad " + Arrays.toString(padColor)
            + (letterboxStride > 0 ? " to stride " + letterboxStride : "") : "")
        + (cropFill[0] + cropFill[1] + cropFill[2] > 0 ? ", crop fill " + Arrays.toString(cropFill) : "") + "]";
  }

  /** Builds a {@link Preprocessing}; defaults: no resize, bilinear antialiased, no crop, no normalisation, RGB CHW float32. */
  public static final class Builder {
    private ResizeMode resizeMode = ResizeMode.NONE;
    private int resizeWidth;
    private int resizeHeight;
    private int maxSize;
    private Interpolation interpolation = Interpolation.BILINEAR;
    private boolean antialias = true;
    private boolean reducedDecode;
    private int cropWidth;
    private int cropHeight;
    private CropRounding cropRounding = CropRounding.HALF_EVEN;
    private int[] padColor = {114, 114, 114};
    private int[] cropFill = {0, 0, 0};
    private double longest;
    private int letterboxStride;
    private Normalization normalization = Normalization.NONE;
    private ChannelOrder channelOrder = ChannelOrder.RGB;
    private Layout layout = Layout.CHW;
    private DataType dataType = DataType.FLOAT32;
    private Backend backend = Backend.PIL;

    private Builder() {}

    public Builder resizeExact(int width, int height) {
      positive("resize", width, height);
      resizeMode = ResizeMode.EXACT;
      resizeWidth = width;
      resizeHeight = height;
      return this;
    }

    public Builder resizeShorterSide(int size) {
      return resizeShorterSide(size, 0);
    }

    /** Shorter side to {@code size}, but the longer side at most {@code maxSize} (0 = unbounded), as torchvision. */
    public Builder resizeShorterSide(int size, int maxSize) {
      positive("resize", size, size);
      if (maxSize != 0 && maxSize <= size) {
        throw new IllegalArgumentException("max size " + maxSize + " must be larger than the resize size " + size);
      }
      resizeMode = ResizeMode.SHORTER_SIDE;
      resizeWidth = size;
      resizeHeight = size;
      this.maxSize = maxSize;
      return this;
    }

    /** Hugging Face's {@code size: {shortest_edge, longest_edge}} ({@link ResizeMode#SHORTEST_LONGEST_EDGE}). */
    public Builder resizeShortestLongestEdge(int shortestEdge, int longestEdge) {
      positive("resize", shortestEdge, longestEdge);
      resizeMode = ResizeMode.SHORTEST_LONGEST_EDGE;
      resizeWidth = shortestEdge;
      resizeHeight = shortestEdge;
      this.maxSize = longestEdge;
      return this;
    }

    /**
     * timm's {@code ResizeKeepRatio(size, longest)}: {@code longest} 0 makes the shorter side fit {@code width x
     * height}, 1 the longer side, values between interpolate the ratio.
     */
    public Builder resizeKeepRatio(int width, int height, double longest) {
      positive("resize", width, height);
      if (!(longest >= 0 && longest <= 1)) {
        throw new IllegalArgumentException("longest must be in [0, 1], got " + longest);
      }
      resizeMode = ResizeMode.KEEP_RATIO;
      resizeWidth = width;
      resizeHeight = height;
      this.longest = longest;
      return this;
    }

    /** The colour a centre crop larger than the image pads with, R, G, B in 0..255 (torchvision: black). */
    public Builder cropFill(int r, int g, int b) {
      cropFill = rgb(r, g, b);
      return this;
    }

    /** Ultralytics' {@code LetterBox(auto=False)}: fit inside {@code width x height}, pad to exactly that size. */
    public Builder letterbox(int width, int height) {
      return letterbox(width, height, 0);
    }

    /**
     * Ultralytics' {@code LetterBox(auto=True, stride)} for exports with dynamic input shapes: fit inside {@code width
     * x height}, then pad only up to the next multiple of {@code stride} (0 = pad to the full size), so a 16:9 frame
     * becomes 640x384 instead of 640x640.
     */
    public Builder letterbox(int width, int height, int stride) {
      positive("letterbox", width, height);
      if (stride < 0) {
        throw new IllegalArgumentException("letterbox stride must be 0 (off) or positive, got " + stride);
      }
      resizeMode = ResizeMode.LETTERBOX;
      resizeWidth = width;
      resizeHeight = height;
      letterboxStride = stride;
      return this;
    }

    public Builder interpolation(Interpolation interpolation) {
      this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
      return this;
    }

    /**
     * On (default): PIL / torchvision-on-PIL antialiased filters. Off: torchvision's tensor interpolation, or cv2's
     * with {@link Backend#OPENCV}.
     */
    public Builder antialias(boolean antialias) {
      this.antialias = antialias;
      return this;
    }

    /**
     * Lets JPEGs decode at 1/2, 1/4 or 1/8 scale where the resize would shrink them that far anyway
     * ({@link Preprocessing#decodeScale}); off by default, since the pixels then differ from PIL's.
     */
    public Builder reducedDecode(boolean reduced) {
      this.reducedDecode = reduced;
      return this;
    }

    public Builder centerCrop(int width, int height) {
      positive("crop", width, height);
      cropWidth = width;
      cropHeight = height;
      return this;
    }

    public Builder cropRounding(CropRounding rounding) {
      this.cropRounding = Objects.requireNonNull(rounding, "rounding");
      return this;
    }

    /** Letterbox padding colour, R, G, B in 0..255 (Ultralytics uses 114 grey). */
    public Builder padColor(int r, int g, int b) {
      padColor = rgb(r, g, b);
      return this;
    }

    private static int[] rgb(int r, int g, int b) {
      for (int v : new int[] {r, g, b}) {
        if (v < 0 || v > 255) {
          throw new IllegalArgumentException("colour values must be 0..255, got " + r + ", " + g + ", " + b);
        }
      }
      return new int[] {r, g, b};
    }

    public Builder normalization(Normalization normalization) {
      this.normalization = Objects.requireNonNull(normalization, "normalization");
      return this;
    }

    public Builder channelOrder(ChannelOrder order) {
      this.channelOrder = Objects.requireNonNull(order, "order");
      return this;
    }

    public Builder layout(Layout layout) {
      this.layout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /** Whose arithmetic the resize and scaling follow ({@link Backend}); PIL's by default. */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    public Builder dataType(DataType dataType) {
      this.dataType = Objects.requireNonNull(dataType, "dataType");
      return this;
    }

    public Preprocessing build() {
      if (dataType == DataType.UINT8 && !normalization.isIdentity()) {
        throw new IllegalArgumentException("uint8 tensors carry raw 0..255 values and cannot be normalised ("
            + normalization + "); use float32 or drop the normalization");
      }
      if (backend == Backend.TORCHVISION || backend == Backend.TORCHVISION_FLOAT) {
        if (interpolation != Interpolation.BILINEAR && interpolation != Interpolation.BICUBIC) {
          throw new IllegalArgumentException("the " + backend.name().toLowerCase(java.util.Locale.ROOT)
              + " backend reproduces bilinear and bicubic resizes, not " + interpolation.name()
              .toLowerCase(java.util.Locale.ROOT) + "; use the pil backend");
        }
        if (!antialias || reducedDecode || dataType != DataType.FLOAT32 || resizeMode == ResizeMode.LETTERBOX) {
          throw new IllegalArgumentException("the " + backend.name().toLowerCase(java.util.Locale.ROOT)
              + " backend is Hugging Face's antialiased float32 processing: no antialias off, reduced decode, uint8 "
              + "or letterbox");
        }
      }
      if (backend == Backend.OPENCV && reducedDecode) {
        throw new IllegalArgumentException("the opencv backend is cv2.resize of the exact decode: no reduced decode");
      }
      if (!antialias && interpolation == Interpolation.AREA && backend != Backend.OPENCV) {
        throw new IllegalArgumentException("area interpolation is always antialiased; set antialias to true");
      }
      return new Preprocessing(this);
    }

    private static void positive(String what, int width, int height) {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException(what + " size must be positive, got " + width + "x" + height);
      }
    }
  }
}
