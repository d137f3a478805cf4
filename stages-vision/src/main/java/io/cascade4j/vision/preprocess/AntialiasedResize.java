package io.cascade4j.vision.preprocess;

import io.cascade4j.vision.image.RgbImage;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The antialiased 8-bit resize of PIL's {@code Image.resize} and of ATen's uint8 {@code interpolate(antialias=True)},
 * re-implemented bit for bit: what torchvision's {@code Resize} does to a PIL image (and so what timm and the PIL
 * image processors of Hugging Face feed a model), and what transformers 5's default (torchvision) image processors do
 * to a uint8 tensor.
 *
 * <p>Bilinear, bicubic and box are a separable convolution (PIL's Resample.c, which ATen's kernel follows): filter
 * support widened by the downscale factor, weights normalised per output pixel in double and rounded to fixed point,
 * a horizontal pass into an 8-bit intermediate image then a vertical pass, each rounding and clipping to 0..255. The
 * two differ only in the fixed point ({@link FixedPoint}), which moves about 1 value in 150 by one level. Nearest is
 * PIL's affine nearest-neighbour sampling at pixel centres. Matching the integer arithmetic is what makes the result
 * identical rather than merely close.
 */
final class AntialiasedResize {
  /** How the normalised weights become integers. */
  enum FixedPoint {
    /** PIL: 22 fractional bits in 32-bit ints. */
    PIL,
    /**
     * ATen's uint8 path ({@code _compute_index_ranges_int16_weights}): 16-bit weights with as many fractional bits
     * (at most 22) as keep the largest weight of the resize under 2^15.
     */
    TORCH_INT16
  }

  private static final int PIL_PRECISION_BITS = 32 - 8 - 2;
  /** Rows per column-major strip of the horizontal pass: long enough lines to vectorise, a small working set. */
  private static final int STRIP = 128;

  private AntialiasedResize() {}

  static RgbImage resize(RgbImage in, int width, int height, Interpolation mode) {
    return resize(in, width, height, mode, FixedPoint.PIL);
  }

  static RgbImage resize(RgbImage in, int width, int height, Interpolation mode, FixedPoint fixedPoint) {
    if (width == in.width() && height == in.height()) {
      return in;
    }
    return resizeRegion(in, width, height, mode, fixedPoint, 0, 0, width, height);
  }

  /**
   * The window {@code [left, left + regionWidth) x [top, top + regionHeight)} of {@link #resize}'s result, byte for
   * byte: each output pixel depends only on its own filter taps, so a centre crop after a resize needs only the rows
   * and columns it keeps resampled (a 224 crop of a 256 resize is 77% of the work; of a 1920x1080 frame, 44%).
   */
  static RgbImage resizeRegion(RgbImage in, int width, int height, Interpolation mode, FixedPoint fixedPoint,
      int left, int top, int regionWidth, int regionHeight) {
    if (left < 0 || top < 0 || regionWidth <= 0 || regionHeight <= 0 || left + regionWidth > width
        || top + regionHeight > height) {
      throw new IllegalArgumentException("region " + regionWidth + "x" + regionHeight + " at (" + left + ", " + top
          + ") outside " + width + "x" + height);
    }
    byte[] src = in.sharedPixels();
    if (mode == Interpolation.NEAREST) {
      return RgbImage.wrap(width, height, nearest(src, in.width(), in.height(), width, height))
          .crop(left, top, regionWidth, regionHeight);
    }
    // PIL skips a pass whose size does not change; so does the region, which then only cuts.
    @Nullable Coefficients horizontal =
        width == in.width() ? null : Coefficients.of(in.width(), width, mode, fixedPoint, left, regionWidth);
    @Nullable Coefficients vertical =
        height == in.height() ? null : Coefficients.of(in.height(), height, mode, fixedPoint, top, regionHeight);
    int firstRow = vertical == null ? top : vertical.min[0];
    int lastRow = vertical == null
        ? top + regionHeight
        : vertical.min[regionHeight - 1] + vertical.count[regionHeight - 1];
    // PIL only resamples the rows the vertical pass will read.
    int rows = lastRow - firstRow;
    int rowLength = regionWidth * 3;
    byte[] out = new byte[regionHeight * rowLength];
    Scratch scratch = Scratch.borrow();
    try {
      int[] resampledRows = scratch.intermediate(rows * rowLength);
      if (horizontal == null) {
        for (int y = 0; y < rows; y++) {
          int from = ((firstRow + y) * in.width() + left) * 3;
          for (int j = 0; j < rowLength; j++) {
            resampledRows[y * rowLength + j] = src[from + j] & 0xFF;
          }
        }
      } else {
        horizontalPass(src, in.width(), firstRow, rows, horizontal, resampledRows, scratch);
      }
      if (vertical == null) {
        for (int i = 0; i < out.length; i++) {
          out[i] = (byte) resampledRows[i];
        }
      } else {
        verticalPass(resampledRows, rowLength, firstRow, vertical, out, scratch);
      }
    } finally {
      scratch.giveBack();
    }
    return RgbImage.wrap(regionWidth, regionHeight, out);
  }

  /**
   * Resamples along rows, into {@code out} (0..255 per value, as ints for the vertical pass). A strip of rows is
   * first turned column-major, so that each output column is a weighted sum of whole source columns: straight loops
   * the JIT vectorises, where a loop per pixel over its few taps cannot be.
   */
  private static void horizontalPass(byte[] src, int srcWidth, int firstRow, int rows, Coefficients k, int[] out,
      Scratch scratch) {
    int outWidth = k.min.length;
    int firstColumn = k.min[0];
    int lastColumn = 0;
    for (int x = 0; x < outWidth; x++) {
      lastColumn = Math.max(lastColumn, k.min[x] + k.count[x]);
    }
    int columns = lastColumn - firstColumn;
    int[] columnMajor = scratch.columnMajor(columns * STRIP * 3);
    int[] acc = scratch.acc(STRIP * 3);
    int[] tap = scratch.tap(STRIP * 3);
    for (int y0 = 0; y0 < rows; y0 += STRIP) {
      int n = Math.min(STRIP, rows - y0);
      int length = n * 3;
      for (int y = 0; y < n; y++) {
        int from = ((firstRow + y0 + y) * srcWidth + firstColumn) * 3;
        for (int c = 0, to = y * 3; c < columns; c++, from += 3, to += length) {
          columnMajor[to] = src[from] & 0xFF;
          columnMajor[to + 1] = src[from + 1] & 0xFF;
          columnMajor[to + 2] = src[from + 2] & 0xFF;
        }
      }
      for (int x = 0; x < outWidth; x++) {
        weightedSum(columnMajor, (k.min[x] - firstColumn) * length, length, k, x, acc, tap);
        // Clipped straight into the row-major result: output column x of each row in the strip.
        for (int y = 0, to = y0 * outWidth * 3 + x * 3; y < n; y++, to += outWidth * 3) {
          out[to] = Math.clamp(acc[y * 3] >> k.precision, 0, 255);
          out[to + 1] = Math.clamp(acc[y * 3 + 1] >> k.precision, 0, 255);
          out[to + 2] = Math.clamp(acc[y * 3 + 2] >> k.precision, 0, 255);
        }
      }
    }
  }

  /** Resamples along columns: each output row is a weighted sum of whole rows of the horizontal pass's result. */
  private static void verticalPass(int[] src, int rowLength, int firstRow, Coefficients k, byte[] out,
      Scratch scratch) {
    int[] acc = scratch.acc(rowLength);
    int[] tap = scratch.tap(rowLength);
    for (int y = 0; y < k.min.length; y++) {
      weightedSum(src, (k.min[y] - firstRow) * rowLength, rowLength, k, y, acc, tap);
      for (int j = 0, to = y * rowLength; j < rowLength; j++) {
        out[to + j] = (byte) Math.clamp(acc[j] >> k.precision, 0, 255);
      }
    }
  }

  /**
   * {@code acc[j] = half + sum over taps i of w_i * lines[start + i * length + j]}, output {@code index}'s taps. Each
   * line is copied to {@code tap} first: with the same index on both arrays the JIT vectorises the multiply-add,
   * which it does not for {@code acc[j] += lines[offset + j] * w} (it cannot rule out that the arrays overlap).
   */
  private static void weightedSum(int[] lines, int start, int length, Coefficients k, int index, int[] acc,
      int[] tap) {
    Arrays.fill(acc, 0, length, 1 << (k.precision - 1));
    for (int i = 0, base = index * k.size; i < k.count[index]; i++) {
      System.arraycopy(lines, start + i * length, tap, 0, length);
      int weight = k.fixed[base + i];
      for (int j = 0; j < length; j++) {
        acc[j] += tap[j] * weight;
      }
    }
  }

  /**
   * The working arrays of one resize, pooled: queries run on short-lived virtual threads, so a thread-local would be
   * a fresh allocation each time. Sets that grew past {@link #KEPT_BYTES} (huge sources) are dropped, not kept.
   */
  private static final class Scratch {
    private static final long KEPT_BYTES = 8L << 20;
    private static final int KEPT = Runtime.getRuntime().availableProcessors() * 2;
    private static final ConcurrentLinkedQueue<Scratch> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private int[] intermediate = new int[0];
    private int[] columnMajor = new int[0];
    private int[] acc = new int[0];
    private int[] tap = new int[0];

    static Scratch borrow() {
      Scratch scratch = POOL.poll();
      if (scratch == null) {
        return new Scratch();
      }
      POOLED.decrementAndGet();
      return scratch;
    }

    void giveBack() {
      long bytes = 4L * (intermediate.length + columnMajor.length + acc.length + tap.length);
      if (bytes <= KEPT_BYTES && POOLED.incrementAndGet() <= KEPT) {
        POOL.offer(this);
      } else if (bytes <= KEPT_BYTES) {
        POOLED.decrementAndGet();
      }
    }

    int[] intermediate(int n) {
      return intermediate = atLeast(intermediate, n);
    }

    int[] columnMajor(int n) {
      return columnMajor = atLeast(columnMajor, n);
    }

    int[] acc(int n) {
      return acc = atLeast(acc, n);
    }

    int[] tap(int n) {
      return tap = atLeast(tap, n);
    }

    private static int[] atLeast(int[] array, int n) {
      return array.length >= n ? array : new int[n];
    }
  }

  /** PIL resizes with NEAREST through an affine transform that samples the source at each output pixel's centre. */
  private static byte[] nearest(byte[] src, int srcWidth, int srcHeight, int width, int height) {
    double xScale = (double) srcWidth / width;
    double yScale = (double) srcHeight / height;
    byte[] out = new byte[width * height * 3];
    int[] sx = new int[width];
    for (int x = 0; x < width; x++) {
      sx[x] = Math.min(srcWidth - 1, (int) ((x + 0.5) * xScale));
    }
    for (int y = 0; y < height; y++) {
      int sy = Math.min(srcHeight - 1, (int) ((y + 0.5) * yScale));
      for (int x = 0; x < width; x++) {
        System.arraycopy(src, (sy * srcWidth + sx[x]) * 3, out, (y * width + x) * 3, 3);
      }
    }
    return out;
  }

  /**
   * Per output pixel: the first source pixel, how many it reads, and the fixed-point weights with {@code precision}
   * fractional bits (PIL's precompute).
   */
  private record Coefficients(int size, int[] min, int[] count, int[] fixed, int precision) {
    /**
     * Coefficients already computed, by resize: a stage sees the same few image sizes again and again, and the
     * weights cost a polynomial per tap. Never modified once made; emptied when it grows past 256 resizes.
     */
    private static final ConcurrentHashMap<Key, Coefficients> MADE = new ConcurrentHashMap<>();

    private record Key(int inSize, int outSize, Interpolation mode, FixedPoint fixedPoint, int first, int n) {}

    /** The coefficients of outputs {@code first .. first + n - 1} of a resize from {@code inSize} to {@code outSize}. */
    static Coefficients of(int inSize, int outSize, Interpolation mode, FixedPoint fixedPoint, int first, int n) {
      Key key = new Key(inSize, outSize, mode, fixedPoint, first, n);
      Coefficients made = MADE.get(key);
      if (made == null) {
        if (MADE.size() >= 256) {
          MADE.clear();
        }
        made = compute(inSize, outSize, mode, fixedPoint, first, n);
        MADE.put(key, made);
      }
      return made;
    }

    private static Coefficients compute(int inSize, int outSize, Interpolation mode, FixedPoint fixedPoint,
        int first, int n) {
      Weights weights = Weights.of(inSize, outSize, mode, first, n);
      int precision = PIL_PRECISION_BITS;
      if (fixedPoint == FixedPoint.TORCH_INT16) {
        // ATen picks the bits from the largest weight of the whole resize, not just of the outputs asked for.
        double largest = (first == 0 && n == outSize ? weights : Weights.of(inSize, outSize, mode, 0, outSize))
            .largest();
        precision = 0;
        while (precision < 22 && (int) (0.5 + largest * (1 << (precision + 1))) < (1 << 15)) {
          precision++;
        }
      }
      int[] fixed = new int[weights.normalised.length];
      for (int i = 0; i < fixed.length; i++) {
        double w = weights.normalised[i];
        // C's (int) truncates toward zero, like Java's cast.
        fixed[i] = w < 0 ? (int) (-0.5 + w * (1 << precision)) : (int) (0.5 + w * (1 << precision));
      }
      return new Coefficients(weights.size, weights.min, weights.count, fixed, precision);
    }
  }

  /** The normalised weights in double, as PIL and ATen compute them before rounding to fixed point. */
  private record Weights(int size, int[] min, int[] count, double[] normalised) {
    static Weights of(int inSize, int outSize, Interpolation mode, int first, int n) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(1.0, scale);
      double support = mode.support() * filterScale;
      int size = (int) Math.ceil(support) * 2 + 1;
      int[] min = new int[n];
      int[] count = new int[n];
      double[] normalised = new double[n * size];
      double[] raw = new double[size];
      double invScale = 1.0 / filterScale;
      for (int x = 0; x < n; x++) {
        double center = (first + x + 0.5) * scale;
        int xmin = Math.max(0, (int) (center - support + 0.5));
        // ATen clamps the tap count to the kernel size (rounding can add one); PIL never reaches it.
        int taps = Math.min(Math.min(inSize, (int) (center + support + 0.5)) - xmin, size);
        double total = 0.0;
        for (int i = 0; i < taps; i++) {
          double w = mode.weight((i + xmin - center + 0.5) * invScale);
          raw[i] = w;
          total += w;
        }
        for (int i = 0; i < taps; i++) {
          normalised[x * size + i] = total != 0.0 ? raw[i] / total : raw[i];
        }
        min[x] = xmin;
        count[x] = taps;
      }
      return new Weights(size, min, count, normalised);
    }

    double largest() {
      double largest = 0.0;
      for (double w : normalised) {
        largest = Math.max(largest, w);
      }
      return largest;
    }
  }
}
