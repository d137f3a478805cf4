package io.cascade4j.bittensor.protocol;

import java.math.BigDecimal;

/** Python's {@code str()} of the values that travel in synapse headers, so that headers match the reference. */
final class PythonText {
  private PythonText() {}

  /** {@code str(float)}: shortest round-trip digits, {@code 9.0}, {@code 0.0123}, {@code 1e-05}, {@code 1e+16}. */
  static String ofDouble(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e16) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    // Scientific: digits d.ddd and a two-digit (at least) signed exponent, as repr does.
    String unscaled = exact.unscaledValue().abs().toString();
    int exponent = unscaled.length() - 1 - exact.scale();
    String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
    return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }
}
