package io.cascade4j.core;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;

/**
 * Hooks for tracing and metrics. Every method has a no-op default; implement the ones you need.
 *
 * <p>Listeners run on the query's thread, synchronously, so they must be fast and thread-safe. An exception thrown
 * by a listener is logged and otherwise ignored: observing a query never fails it.
 *
 * <pre>{@code
 * CascadeListener slowStages = new CascadeListener() {
 *   @Override
 *   public void stageFinished(String cascade, Query query, StageOutcome outcome) {
 *     if (outcome.latency().toMillis() > 500) {
 *       log.info("{}: stage {} took {}", query.id(), outcome.stage(), outcome.latency());
 *     }
 *   }
 * };
 * }</pre>
 */
public interface CascadeListener {

  /** A query is about to run. */
  default void queryStarted(String cascade, Query query) {}

  /**
   * The cascade was built and will take queries: {@code stages} names every stage and group (members after their
   * group), so meters can be registered before their first event.
   */
  default void cascadeStarted(String cascade, java.util.List<String> stages) {}

  /**
   * A stage (or a group's ensemble) finished, failed, timed out or was skipped. Called once per trace entry, in trace
   * order; entries for stages that an earlier exit made unnecessary are included.
   */
  default void stageFinished(String cascade, Query query, StageOutcome outcome) {}

  /** The query was answered. */
  default void answered(String cascade, Query query, Answer answer) {}
}
