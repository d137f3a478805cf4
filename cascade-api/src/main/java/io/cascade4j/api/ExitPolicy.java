package io.cascade4j.api;

/**
 * Decides after a step whether the cascade answers now with that step's evidence or goes on.
 *
 * <p>The engine asks only when the step's evidence has an opinion; a policy never has to invent a probability.
 * Policies must be thread-safe and fast: they run on every query.
 *
 * <pre>{@code
 * // Answer when the stage is confident either way.
 * ExitPolicy confident = step -> {
 *   double p = step.evidence().probability();
 *   return p <= 0.05 || p >= 0.95;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ExitPolicy {

  /**
   * Whether to answer with {@code step.evidence()} now.
   *
   * @param step the evidence of the step that just ran, which has an opinion, and its members' outcomes
   */
  boolean shouldExit(StepResult step);
}
