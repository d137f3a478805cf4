package io.cascade4j.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** {@link Settings} over a map of plain values; sections share their root's list of problems. */
final class MapSettings implements Settings {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private final String path;
  private final Map<String, @Nullable Object> values;
  private final List<Problem> problems;
  private final Set<String> read = new LinkedHashSet<>();
  private final Map<String, MapSettings> sections = new LinkedHashMap<>();
  private boolean unknownKeysChecked;

  MapSettings(String path, Map<String, ?> values) {
    this(path, values, new ArrayList<>());
  }

  private MapSettings(String path, Map<String, ?> values, List<Problem> problems) {
    this.path = Objects.requireNonNull(path, "path");
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(String.valueOf(k), v));
    this.values = Collections.unmodifiableMap(copy);
    this.problems = problems;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  @Override
  public Set<String> keys() {
    return values.keySet();
  }

  @Override
  public boolean has(String key) {
    return values.get(key) != null;
  }

  private @Nullable Object take(String key) {
    read.add(key);
    return values.get(key);
  }

  private @Nullable String scalar(String key, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      problem(key, "must be a single value, got a " + (value instanceof Map<?, ?> ? "map" : "list"));
      return null;
    }
    return value.toString();
  }

  @Override
  public String string(String key) {
    String value = scalar(key, take(key));
    if (value == null) {
      if (!problemRecordedFor(key)) {
        problem(key, "is required");
      }
      return "";
    }
    return value;
  }

  @Override
  public String string(String key, String defaultValue) {
    String value = scalar(key, take(key));
    return value == null ? defaultValue : value;
  }

  @Override
  public Optional<String> optionalString(String key) {
    return Optional.ofNullable(scalar(key, take(key)));
  }

  @Override
  public double doubleValue(String key) {
    if (!has(key)) {
      take(key);
      problem(key, "is required (a number)");
      return Double.NaN;
    }
    return doubleValue(key, Double.NaN);
  }

  @Override
  public double doubleValue(String key, double defaultValue) {
    Object value = take(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    } else if (value instanceof String s) {
      try {
        double d = Double.parseDouble(s.strip());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problem(key, "must be a finite number, got " + describe(value));
    return defaultValue;
  }

  @Override
  public double doubleValue(String key, double defaultValue, double min, double max) {
    double d = doubleValue(key, defaultValue);
    if (has(key) && !(d >= min && d <= max) && !problemRecordedFor(key)) {
      problem(key, "must be within [" + fmt(min) + ", " + fmt(max) + "], got " + fmt(d));
      return defaultValue;
    }
    return d;
  }

  @Override
  public int intValue(String key, int defaultValue, int min, int max) {
    Object value = take(key);
    if (value == null) {
      return defaultValue;
    }
    long parsed;
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      parsed = ((Number) value).longValue();
    } else {
      try {
        parsed = Long.parseLong(value.toString().strip());
      } catch (NumberFormatException e) {
        problem(key, "must be a whole number, got " + describe(value));
        return defaultValue;
      }
    }
    if (parsed < min || parsed > max) {
      problem(key, "must be within [" + min + ", " + max + "], got " + parsed);
      return defaultValue;
    }
    return (int) parsed;
  }

  @Override
  public boolean booleanValue(String key, boolean defaultValue) {
    Object value = take(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String s = value.toString().strip().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    problem(key, "must be true or false, got " + describe(value));
    return defaultValue;
  }

  @Override
  public Duration duration(String key, Duration defaultValue) {
    return optionalDuration(key).orElse(defaultValue);
  }

  @Override
  public Optional<Duration> optionalDuration(String key) {
    String text = scalar(key, take(key));
    if (text == null) {
      return Optional.empty();
    }
    Duration parsed = parseDuration(text.strip());
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      problem(key, "must be a positive duration with a unit, such as 250ms, 8s or 2m, got " + describe(text));
      return Optional.empty();
    }
    return Optional.of(parsed);
  }

  static @Nullable Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double nanosPerUnit =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 86400e9;
          };
      double nanos = amount * nanosPerUnit;
      return nanos > Long.MAX_VALUE ? null : Duration.ofNanos(Math.round(nanos));
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public List<String> stringList(String key) {
    Object value = take(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> strings = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
          problem(key + "[" + i + "]", "must be a single value, got " + describe(item));
        } else {
          strings.add(item.toString());
        }
      }
      return List.copyOf(strings);
    }
    String single = scalar(key, value);
    return single == null ? List.of() : List.of(single);
  }

  @Override
  public Settings section(String key) {
    MapSettings existing = sections.get(key);
    if (existing != null) {
      return existing;
    }
    Object value = take(key);
    Map<String, ?> map = Map.of();
    if (value instanceof Map<?, ?> m) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), v));
      map = copy;
    } else if (value != null) {
      problem(key, "must be a map of settings, got " + describe(value));
    }
    MapSettings section = new MapSettings(pathOf(key), map, problems);
    sections.put(key, section);
    return section;
  }

  @Override
  public void problem(String key, String message) {
    problems.add(new Problem(pathOf(key), message));
  }

  @Override
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  @Override
  public void validate() throws ConfigurationException {
    checkUnknownKeys();
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  private void checkUnknownKeys() {
    if (unknownKeysChecked) {
      return;
    }
    unknownKeysChecked = true;
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        String suggestion = Suggestions.closest(key, read).orElse(null);
        problem(
            key,
            "unknown setting"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                + (read.isEmpty() ? "; this component takes no settings" : "; known: " + String.join(", ", read)));
      }
    }
    sections.values().forEach(MapSettings::checkUnknownKeys);
  }

  private boolean problemRecordedFor(String key) {
    String full = pathOf(key);
    return problems.stream().anyMatch(p -> p.path().equals(full));
  }

  private static String describe(@Nullable Object value) {
    if (value == null) {
      return "nothing";
    }
    return value instanceof String s ? "'" + s + "'" : value.toString();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public String toString() {
    return "Settings[" + (path.isEmpty() ? "<root>" : path) + ": " + values.keySet() + "]";
  }
}
