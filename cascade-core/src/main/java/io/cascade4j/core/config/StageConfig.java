package io.cascade4j.core.config;

import io.cascade4j.core.Isolation;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One stage as configured: its name, provider and settings, and what the engine needs to run it.
 *
 * @param name unique within the cascade
 * @param provider the provider's type id and the stage's own settings
 * @param timeout the stage's own time limit; null for none (the query's deadline still applies)
 * @param isolation where it runs
 * @param calibration how the stage's probabilities are calibrated ({@code platt}, {@code temperature} with {@code
 *     slope} and {@code intercept}; {@code isotonic} with {@code x} and {@code y}), or null
 * @param optional whether a step of this one stage is left out, with a warning, when its provider cannot create it
 *     (its model, data or server is missing), instead of failing the cascade
 */
public record StageConfig(
    String name,
    ComponentConfig provider,
    @Nullable Duration timeout,
    Isolation isolation,
    @Nullable ComponentConfig calibration,
    boolean optional) {

  /** A required stage without calibration. */
  public StageConfig(String name, ComponentConfig provider, @Nullable Duration timeout, Isolation isolation) {
    this(name, provider, timeout, isolation, null, false);
  }

  /** A required stage. */
  public StageConfig(String name, ComponentConfig provider, @Nullable Duration timeout, Isolation isolation,
      @Nullable ComponentConfig calibration) {
    this(name, provider, timeout, isolation, calibration, false);
  }

  /** Validates the components. */
  public StageConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(isolation, "isolation");
  }

  /** A thread-isolated stage with no time limit of its own. */
  public static StageConfig of(String name, String type, Map<String, ?> settings) {
    return new StageConfig(name, ComponentConfig.of(type, settings), null, Isolation.THREAD);
  }

  /** The same stage with a time limit. */
  public StageConfig withTimeout(Duration timeout) {
    return new StageConfig(name, provider, timeout, isolation, calibration, optional);
  }

  /** The same stage with another isolation. */
  public StageConfig withIsolation(Isolation isolation) {
    return new StageConfig(name, provider, timeout, isolation, calibration, optional);
  }

  /** The same stage with a calibration. */
  public StageConfig withCalibration(@Nullable ComponentConfig calibration) {
    return new StageConfig(name, provider, timeout, isolation, calibration, optional);
  }

  /** The same stage, optional or required. */
  public StageConfig withOptional(boolean optional) {
    return new StageConfig(name, provider, timeout, isolation, calibration, optional);
  }
}
