package io.cascade4j.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One step of a configured cascade: a single stage, or a parallel group combined by an ensemble. */
public sealed interface StepConfig {

  /** The step's name: the stage's, or the group's. */
  String name();

  /** The exit policy after the step. */
  ComponentConfig exit();

  /**
   * A single stage and its exit policy.
   *
   * @param stage the stage
   * @param exit the exit policy after it
   */
  record Single(StageConfig stage, ComponentConfig exit) implements StepConfig {
    /** Validates the components. */
    public Single {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(exit, "exit");
    }

    @Override
    public String name() {
      return stage.name();
    }
  }

  /**
   * A parallel group.
   *
   * @param name the group's name, unique within the cascade
   * @param members the stages that run at the same time
   * @param ensemble combines their evidence
   * @param exit the exit policy after the group
   * @param timeout a limit for the whole group; null for none
   */
  record Group(
      String name,
      List<StageConfig> members,
      ComponentConfig ensemble,
      ComponentConfig exit,
      @Nullable Duration timeout)
      implements StepConfig {
    /** Validates and copies the components. */
    public Group {
      Objects.requireNonNull(name, "name");
      members = List.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("parallel group '" + name + "' needs at least one member");
      }
      Objects.requireNonNull(ensemble, "ensemble");
      Objects.requireNonNull(exit, "exit");
    }
  }
}
