package io.cascade4j.detection.box;

/**
 * One detected object: corners in pixels (or normalised units, consistently), a score and a class id.
 *
 * @param x1 left
 * @param y1 top
 * @param x2 right
 * @param y2 bottom
 * @param score confidence in [0, 1]
 * @param classId the detector's class index
 */
public record Box(double x1, double y1, double x2, double y2, double score, int classId) {
  /** Width times height; zero for degenerate boxes. */
  public double area() {
    return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  }

  /** Intersection over union with {@code other}, 0 when either is degenerate. */
  public double iou(Box other) {
    double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
    double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double inter = w * h;
    return inter / (area() + other.area() - inter);
  }
}
