package io.cascade4j.core;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.Ensemble;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.Stage;
import io.cascade4j.core.policy.ExitPolicies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Cascade} from stage, policy and ensemble instances. Each setter checks its argument at once;
 * {@link #build()} checks the whole (at least one step, unique names). Not thread-safe.
 *
 * <pre>{@code
 * Cascade cascade = Cascades.builder("roadwork")
 *     .deadline(Duration.ofSeconds(8))
 *     .fallback(Fallback.fixed(0.5))
 *     .stage(StageSpec.of("gate", gate).withIsolation(Isolation.INLINE), ExitPolicies.band(0.05, 0.95))
 *     .parallel("detectors", List.of(StageSpec.of("yolo", yolo), StageSpec.of("detr", detr)),
 *         Ensembles.weightedMean(Map.of("yolo", 0.45, "detr", 0.55)), ExitPolicies.agreement(0.2, 2))
 *     .stage("judge", judge)
 *     .build();
 * }</pre>
 *
 * <p>Until {@link #build()} succeeds, the caller owns the stages; after, the cascade closes them.
 */
public final class CascadeBuilder {
  /** The deadline of a cascade that sets none. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

  private final String name;
  private final List<CascadeEngine.Step> steps = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final List<CascadeListener> listeners = new ArrayList<>();
  private Duration deadline = DEFAULT_DEADLINE;
  private Fallback fallback = Fallback.prior(0.5);
  private @Nullable OperatingPoint operatingPoint;

  CascadeBuilder(String name) {
    this.name = StageSpec.checkName(name);
  }

  /** How long a query may take at most, whatever the caller's own deadline; {@link #DEFAULT_DEADLINE} by default. */
  public CascadeBuilder deadline(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
    this.deadline = deadline;
    return this;
  }

  /** What to answer when no stage gave an opinion; {@code Fallback.prior(0.5)} by default. */
  public CascadeBuilder fallback(Fallback fallback) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    return this;
  }

  /** Remaps every answer from evidence so that {@code operatingPoint}'s cut lands on 0.5; null for none. */
  public CascadeBuilder operatingPoint(@Nullable OperatingPoint operatingPoint) {
    this.operatingPoint = operatingPoint;
    return this;
  }

  /** Appends a thread-isolated stage after which the cascade always goes on. */
  public CascadeBuilder stage(String name, Stage stage) {
    return stage(StageSpec.of(name, stage), ExitPolicies.never());
  }

  /** Appends a thread-isolated stage with an exit policy. */
  public CascadeBuilder stage(String name, Stage stage, ExitPolicy exit) {
    return stage(StageSpec.of(name, stage), exit);
  }

  /** Appends a stage after which the cascade always goes on. */
  public CascadeBuilder stage(StageSpec spec) {
    return stage(spec, ExitPolicies.never());
  }

  /** Appends a stage with an exit policy. */
  public CascadeBuilder stage(StageSpec spec, ExitPolicy exit) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(exit, "exit");
    claim(spec.name());
    steps.add(new CascadeEngine.Single(new CascadeEngine.Member(spec), exit));
    return this;
  }

  /**
   * Appends a parallel group: its members run at the same time, {@code ensemble} combines their evidence, then
   * {@code exit} decides.
   */
  public CascadeBuilder parallel(String name, List<StageSpec> members, Ensemble ensemble, ExitPolicy exit) {
    return parallel(name, members, ensemble, exit, null);
  }

  /** Appends a parallel group whose members must all finish within {@code timeout} (null for no group limit). */
  public CascadeBuilder parallel(
      String name, List<StageSpec> members, Ensemble ensemble, ExitPolicy exit, @Nullable Duration timeout) {
    StageSpec.checkName(name);
    Objects.requireNonNull(ensemble, "ensemble");
    Objects.requireNonNull(exit, "exit");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("parallel group '" + name + "' needs at least one member");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout of group '" + name + "' must be positive, got " + timeout);
    }
    claim(name);
    List<CascadeEngine.Member> planned = new ArrayList<>();
    for (StageSpec member : members) {
      claim(member.name());
      planned.add(new CascadeEngine.Member(member));
    }
    steps.add(
        new CascadeEngine.Group(
            name,
            planned.toArray(CascadeEngine.Member[]::new),
            ensemble,
            exit,
            timeout == null ? Long.MAX_VALUE : timeout.toNanos()));
    return this;
  }

  /** Adds a listener for tracing or metrics. */
  public CascadeBuilder listener(CascadeListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Builds the cascade.
   *
   * @throws IllegalStateException if no step was added
   */
  public Cascade build() {
    if (steps.isEmpty()) {
      throw new IllegalStateException("cascade '" + name + "' needs at least one stage");
    }
    return new CascadeEngine(name, deadline, fallback, operatingPoint, steps, listeners);
  }

  private void claim(String stepName) {
    if (!names.add(stepName)) {
      throw new IllegalArgumentException(
          "cascade '" + name + "' already has a stage or group named '" + stepName + "'; names must be unique");
    }
  }
}
