package io.cascade4j.core.config;

import io.cascade4j.core.CascadeBuilder;
import io.cascade4j.core.OperatingPoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A cascade described as data: what a YAML or JSON file says, or what {@link #builder(String)} builds in code with
 * the same power. {@link io.cascade4j.core.Cascades#create} turns it into a running cascade.
 *
 * <pre>{@code
 * CascadeConfig config = CascadeConfig.builder("roadwork")
 *     .deadline(Duration.ofSeconds(8))
 *     .fallback(FallbackConfig.prior(0.5))
 *     .stage(StageConfig.of("gate", "classifier", Map.of("model", "models/gate.pt")),
 *         ComponentConfig.of("band", Map.of("low", 0.05, "high", 0.95)))
 *     .parallel("detectors",
 *         List.of(StageConfig.of("yolo", "yolo", Map.of("model", "models/yolo.pt")),
 *                 StageConfig.of("detr", "rt-detr", Map.of("model", "models/detr.onnx"))),
 *         ComponentConfig.of("weighted-mean", Map.of("weights", Map.of("yolo", 0.45, "detr", 0.55))),
 *         ComponentConfig.of("agreement"))
 *     .stage(StageConfig.of("judge", "vlm-judge", Map.of("endpoint", "http://localhost:8000")),
 *         ComponentConfig.of("always"))
 *     .build();
 * }</pre>
 *
 * @param name the cascade's name
 * @param deadline how long a query may take at most
 * @param fallback what to answer when no stage has an opinion
 * @param steps the steps in order; names unique across stages and groups
 * @param operatingPoint the cut remapped to 0.5 in every answer from evidence, or null for none
 * @param plugins folders whose jars add stage, exit policy and ensemble providers to the registry the cascade is
 *     created from ({@code plugins:} in a cascade file)
 * @param engine process-wide engine settings ({@code engine:} in a cascade file, see {@link
 *     io.cascade4j.api.EngineSettingsProvider}), applied before the stages are created; empty for none
 */
public record CascadeConfig(
    String name,
    Duration deadline,
    FallbackConfig fallback,
    List<StepConfig> steps,
    @Nullable OperatingPoint operatingPoint,
    List<Path> plugins,
    Map<String, @Nullable Object> engine) {

  /** A configuration without an operating point or plugin folders. */
  public CascadeConfig(String name, Duration deadline, FallbackConfig fallback, List<StepConfig> steps) {
    this(name, deadline, fallback, steps, null);
  }

  /** A configuration without plugin folders. */
  public CascadeConfig(String name, Duration deadline, FallbackConfig fallback, List<StepConfig> steps,
      @Nullable OperatingPoint operatingPoint) {
    this(name, deadline, fallback, steps, operatingPoint, List.of());
  }

  /** A configuration without engine settings. */
  public CascadeConfig(String name, Duration deadline, FallbackConfig fallback, List<StepConfig> steps,
      @Nullable OperatingPoint operatingPoint, List<Path> plugins) {
    this(name, deadline, fallback, steps, operatingPoint, plugins, Map.of());
  }

  /** Validates and copies the components. */
  public CascadeConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
    Objects.requireNonNull(fallback, "fallback");
    steps = List.copyOf(steps);
    plugins = List.copyOf(plugins);
    engine = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(engine));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("cascade '" + name + "' needs at least one stage");
    }
    Set<String> names = new HashSet<>();
    for (StepConfig step : steps) {
      List<String> stepNames = new ArrayList<>();
      stepNames.add(step.name());
      if (step instanceof StepConfig.Group group) {
        group.members().forEach(m -> stepNames.add(m.name()));
      }
      for (String stepName : stepNames) {
        if (!names.add(stepName)) {
          throw new IllegalArgumentException(
              "cascade '" + name + "' has two stages or groups named '" + stepName + "'; names must be unique");
        }
      }
    }
  }

  /** A builder; the deadline defaults to {@link CascadeBuilder#DEFAULT_DEADLINE}, the fallback to a 0.5 prior. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link CascadeConfig}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<StepConfig> steps = new ArrayList<>();
    private Duration deadline = CascadeBuilder.DEFAULT_DEADLINE;
    private FallbackConfig fallback = FallbackConfig.prior(0.5);
    private @Nullable OperatingPoint operatingPoint;
    private final List<Path> plugins = new ArrayList<>();
    private Map<String, @Nullable Object> engine = Map.of();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Sets the deadline. */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** Sets the fallback. */
    public Builder fallback(FallbackConfig fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
      return this;
    }

    /** Sets the cut that answers are remapped around (see {@link OperatingPoint}). */
    public Builder operatingPoint(@Nullable OperatingPoint operatingPoint) {
      this.operatingPoint = operatingPoint;
      return this;
    }

    /** Sets the process-wide engine settings (the {@code engine:} section's content). */
    public Builder engine(Map<String, ?> engine) {
      this.engine = new java.util.LinkedHashMap<>(engine);
      return this;
    }

    /** Adds a folder of plugin jars (see {@link io.cascade4j.core.PluginFolders}). */
    public Builder plugins(Path folder) {
      plugins.add(Objects.requireNonNull(folder, "folder"));
      return this;
    }

    /** Appends a stage with an exit policy. */
    public Builder stage(StageConfig stage, ComponentConfig exit) {
      steps.add(new StepConfig.Single(stage, exit));
      return this;
    }

    /** Appends a stage after which the cascade goes on. */
    public Builder stage(StageConfig stage) {
      return stage(stage, ComponentConfig.of("never"));
    }

    /** Appends a parallel group. */
    public Builder parallel(
        String name, List<StageConfig> members, ComponentConfig ensemble, ComponentConfig exit) {
      return parallel(name, members, ensemble, exit, null);
    }

    /** Appends a parallel group with a time limit for the whole group. */
    public Builder parallel(
        String name,
        List<StageConfig> members,
        ComponentConfig ensemble,
        ComponentConfig exit,
        @Nullable Duration timeout) {
      steps.add(new StepConfig.Group(name, members, ensemble, exit, timeout));
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if there is no step or two names clash
     */
    public CascadeConfig build() {
      return new CascadeConfig(name, deadline, fallback, steps, operatingPoint, plugins, engine);
    }
  }
}
