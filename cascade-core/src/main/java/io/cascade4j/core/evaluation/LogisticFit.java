package io.cascade4j.core.evaluation;

/**
 * Logistic regression fitted to the maximum likelihood by Newton's method (iteratively reweighted least squares), as
 * scikit-learn's {@code LogisticRegression(penalty=None)} converges to, or with an L2 penalty on the weights (not the
 * intercept) as {@code LogisticRegression(C=1/l2)}, which keeps the weights finite on separable data. Used for Platt
 * and temperature scaling (one feature), for stacking a group's members (one feature per member), and for rules over
 * detected objects.
 *
 * @param weights one per feature
 * @param intercept the bias (0 when fitted without one)
 */
public record LogisticFit(double[] weights, double intercept) {

  /** The fitted probability of a feature vector. */
  public double probability(double[] features) {
    double z = intercept;
    for (int j = 0; j < weights.length; j++) {
      z += weights[j] * features[j];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits {@code labels} on {@code features} (one row per example).
   *
   * @throws IllegalArgumentException if the rows are ragged or the labels are not 0/1
   */
  public static LogisticFit fit(double[][] features, int[] labels, boolean withIntercept) {
    return fit(features, labels, withIntercept, 0);
  }

  /**
   * Fits {@code labels} on {@code features} minimising the log loss plus {@code l2 / 2 * |weights|^2}.
   *
   * @throws IllegalArgumentException if the rows are ragged, the labels are not 0/1 or {@code l2} is negative
   */
  public static LogisticFit fit(double[][] features, int[] labels, boolean withIntercept, double l2) {
    if (!(l2 >= 0)) {
      throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
    }
    int n = labels.length;
    if (features.length != n || n == 0) {
      throw new IllegalArgumentException("features and labels must pair up, and not be empty");
    }
    int m = features[0].length;
    int size = m + (withIntercept ? 1 : 0);
    double[] beta = new double[size];
    for (int iteration = 0; iteration < 200; iteration++) {
      double[] gradient = new double[size];
      double[][] hessian = new double[size][size];
      double[] row = new double[size];
      for (int i = 0; i < n; i++) {
        if (features[i].length != m || (labels[i] != 0 && labels[i] != 1)) {
          throw new IllegalArgumentException("row " + i + " has " + features[i].length + " features or a label"
              + " other than 0/1");
        }
        System.arraycopy(features[i], 0, row, 0, m);
        if (withIntercept) {
          row[m] = 1;
        }
        double z = 0;
        for (int j = 0; j < size; j++) {
          z += beta[j] * row[j];
        }
        double q = 1 / (1 + Math.exp(-z));
        double w = q * (1 - q);
        for (int j = 0; j < size; j++) {
          gradient[j] += (q - labels[i]) * row[j];
          for (int k = 0; k < size; k++) {
            hessian[j][k] += w * row[j] * row[k];
          }
        }
      }
      for (int j = 0; j < m; j++) {
        gradient[j] += l2 * beta[j];
        hessian[j][j] += l2;
      }
      for (int j = 0; j < size; j++) {
        hessian[j][j] += 1e-10; // keeps the system solvable when a feature is constant
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int j = 0; j < size; j++) {
        beta[j] -= step[j];
        change += Math.abs(step[j]);
      }
      if (change < 1e-12) {
        break;
      }
    }
    double[] weights = java.util.Arrays.copyOf(beta, m);
    return new LogisticFit(weights, withIntercept ? beta[m] : 0);
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting ({@code a} is overwritten). */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[] x = b.clone();
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      double t = x[col];
      x[col] = x[pivot];
      x[pivot] = t;
      for (int r = col + 1; r < n; r++) {
        double factor = a[r][col] / a[col][col];
        for (int c = col; c < n; c++) {
          a[r][c] -= factor * a[col][c];
        }
        x[r] -= factor * x[col];
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      for (int c = r + 1; c < n; c++) {
        x[r] -= a[r][c] * x[c];
      }
      x[r] /= a[r][r];
    }
    return x;
  }
}
