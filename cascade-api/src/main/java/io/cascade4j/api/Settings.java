package io.cascade4j.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed, validated settings of one component, read from a cascade file, a {@link Map} or code alike.
 *
 * <p>Readers never throw for a bad value: they record a {@link Problem} with the key's full path (for example
 * {@code stages[2].exit.high: must be within [0, 1], got 1.7}) and return the default, so that {@link #validate()}
 * can report every problem at once. Numbers and booleans may also be given as strings ({@code "0.5"}), which is what
 * {@code ${ENV}} substitution produces. Durations take a unit: {@code 250ms}, {@code 8s}, {@code 2m}, {@code 1h}, or
 * ISO-8601 ({@code PT8S}).
 *
 * <p>The pattern for a provider: read every setting, then call {@code validate()}, then do expensive work.
 *
 * <pre>{@code
 * double low = settings.doubleValue("low", 0.05, 0.0, 1.0);
 * double high = settings.doubleValue("high", 0.95, 0.0, 1.0);
 * if (low >= high) {
 *   settings.problem("low", "must be below high (" + high + "), got " + low);
 * }
 * settings.validate();   // throws ConfigurationException listing all problems and unknown keys
 * }</pre>
 *
 * <p>Not thread-safe: settings are read while a component is created, on one thread.
 */
public interface Settings {

  /** Settings over {@code values}, whose problems are reported at the top level (no path prefix). */
  static Settings of(Map<String, ?> values) {
    return of("", values);
  }

  /**
   * Settings over {@code values} whose problems are reported under {@code path}.
   *
   * @param path where these settings sit in a larger document, for example {@code stages[2]}; empty for the root
   * @param values keys to values: strings, numbers, booleans, lists and nested maps; a null value counts as absent
   */
  static Settings of(String path, Map<String, ?> values) {
    return new MapSettings(path, values);
  }

  /** Where these settings sit, for example {@code stages[2].exit}; empty for the root. */
  String path();

  /** The full path of {@code key}, as problems report it. */
  String pathOf(String key);

  /** The keys present, in document order. */
  Set<String> keys();

  /** Whether {@code key} has a (non-null) value. */
  boolean has(String key);

  /** A required string; records a problem if it is missing or not a scalar. */
  String string(String key);

  /** A string, or {@code defaultValue} if absent. */
  String string(String key, String defaultValue);

  /** A string if present. */
  Optional<String> optionalString(String key);

  /** A required number. */
  double doubleValue(String key);

  /** A number, or {@code defaultValue} if absent. */
  double doubleValue(String key, double defaultValue);

  /** A number within [{@code min}, {@code max}], or {@code defaultValue} if absent. */
  double doubleValue(String key, double defaultValue, double min, double max);

  /** A whole number within [{@code min}, {@code max}], or {@code defaultValue} if absent. */
  int intValue(String key, int defaultValue, int min, int max);

  /** A boolean ({@code true}/{@code false}), or {@code defaultValue} if absent. */
  boolean booleanValue(String key, boolean defaultValue);

  /** A positive duration such as {@code 250ms} or {@code 8s}, or {@code defaultValue} if absent. */
  Duration duration(String key, Duration defaultValue);

  /** A positive duration if present. */
  Optional<Duration> optionalDuration(String key);

  /** A list of strings; a single scalar counts as a one-element list; empty if absent. */
  List<String> stringList(String key);

  /**
   * The nested settings under {@code key} (empty if absent). Its problems and unknown keys are reported with this
   * settings' {@link #validate()}.
   */
  Settings section(String key);

  /** Records a problem with {@code key} that only the component can see (for example {@code low >= high}). */
  void problem(String key, String message);

  /** The problems recorded so far, unknown keys not included until {@link #validate()} runs. */
  List<Problem> problems();

  /**
   * Declares that every setting has been read: records each key that nothing read as unknown (with the closest
   * known key as a suggestion), then throws if any problem was recorded. Idempotent.
   *
   * @throws ConfigurationException listing every problem, each with its key path
   */
  void validate() throws ConfigurationException;
}
