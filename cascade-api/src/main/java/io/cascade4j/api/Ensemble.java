package io.cascade4j.api;

import java.util.List;

/**
 * Combines the outcomes of a parallel group's members into one piece of evidence.
 *
 * <p>Members that failed, timed out or were skipped arrive with {@link Evidence#abstain()}; an ensemble ignores
 * them and returns {@link Evidence#abstain()} when no member has an opinion. Ensembles must be thread-safe.
 *
 * <pre>{@code
 * // The most pessimistic member wins.
 * Ensemble min = members -> members.stream()
 *     .filter(StageOutcome::hasOpinion)
 *     .mapToDouble(m -> m.evidence().probability())
 *     .min()
 *     .stream().mapToObj(Evidence::of).findFirst()
 *     .orElse(Evidence.abstain());
 * }</pre>
 */
@FunctionalInterface
public interface Ensemble {

  /**
   * Combines the members' outcomes.
   *
   * @param members every member's outcome, in configuration order
   * @return the combined evidence, never null
   */
  Evidence combine(List<StageOutcome> members);
}
