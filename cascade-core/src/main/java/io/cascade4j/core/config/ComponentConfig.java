package io.cascade4j.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A provider type id and the settings handed to it: an exit policy or an ensemble, or the provider part of a stage.
 *
 * @param type the provider's type id, for example {@code band}
 * @param settings the settings, as plain values (strings, numbers, booleans, lists, maps); a shallow copy is kept
 */
public record ComponentConfig(String type, Map<String, @Nullable Object> settings) {

  /** Validates and copies the components. */
  public ComponentConfig {
    Objects.requireNonNull(type, "type");
    if (type.isBlank()) {
      throw new IllegalArgumentException("a type id must not be blank");
    }
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** A component with no settings. */
  public static ComponentConfig of(String type) {
    return new ComponentConfig(type, Map.of());
  }

  /** A component with settings. */
  public static ComponentConfig of(String type, Map<String, ?> settings) {
    return new ComponentConfig(type, Collections.unmodifiableMap(settings));
  }
}
