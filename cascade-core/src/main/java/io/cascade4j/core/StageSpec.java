package io.cascade4j.core;

import io.cascade4j.api.Stage;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stage as it sits in a cascade: its name, the instance, its own time limit and its {@link Isolation}.
 *
 * <pre>{@code
 * StageSpec gate = StageSpec.of("gate", gateStage).withTimeout(Duration.ofMillis(200));
 * StageSpec rule = StageSpec.of("rule", ruleStage).withIsolation(Isolation.INLINE);
 * }</pre>
 *
 * @param name unique within the cascade: letters, digits, {@code _ . -}
 * @param stage the stage
 * @param timeout the stage's own limit, on top of the query's deadline; null for none
 * @param isolation where it runs
 * @param calibration applied to the stage's probability before anything else sees it (null: none); it must map
 *     [0, 1] into [0, 1]
 */
public record StageSpec(
    String name,
    Stage stage,
    @Nullable Duration timeout,
    Isolation isolation,
    @Nullable DoubleUnaryOperator calibration) {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Validates the components. */
  public StageSpec {
    checkName(name);
    Objects.requireNonNull(stage, "stage");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout of stage '" + name + "' must be positive, got " + timeout);
    }
    Objects.requireNonNull(isolation, "isolation");
  }

  /** A stage without calibration. */
  public StageSpec(String name, Stage stage, @Nullable Duration timeout, Isolation isolation) {
    this(name, stage, timeout, isolation, null);
  }

  /** A thread-isolated stage with no time limit of its own. */
  public static StageSpec of(String name, Stage stage) {
    return new StageSpec(name, stage, null, Isolation.THREAD);
  }

  /** The same stage with a time limit of its own. */
  public StageSpec withTimeout(Duration timeout) {
    return new StageSpec(name, stage, Objects.requireNonNull(timeout, "timeout"), isolation, calibration);
  }

  /** The same stage with another isolation. */
  public StageSpec withIsolation(Isolation isolation) {
    return new StageSpec(name, stage, timeout, isolation, calibration);
  }

  /** The same stage with its probabilities calibrated by {@code calibration}. */
  public StageSpec withCalibration(DoubleUnaryOperator calibration) {
    return new StageSpec(name, stage, timeout, isolation, Objects.requireNonNull(calibration, "calibration"));
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a stage or group name must be 1 to 64 letters, digits, '_', '.' or '-', got '" + name + "'");
    }
    return name;
  }
}
