package io.cascade4j.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every stage of one query shares: the query, its deadline, values derived once (the decoded image, resized
 * tensors) and the outcomes of the stages that already ran.
 *
 * <p>Implementations are thread-safe: members of a parallel group use the same context at the same time.
 */
public interface QueryContext {

  /** The query being answered. */
  Query query();

  /** The time left before the query's deadline; zero or negative once it has passed. */
  Duration remaining();

  /**
   * The value under {@code key}, computing it with {@code loader} if no stage has yet.
   *
   * <p>The loader runs at most once per key and query, even when several stages ask at the same time: the others
   * wait for it. If the loader throws, nothing is stored, the exception reaches this caller, and a later call tries
   * again.
   *
   * @throws IllegalStateException if the loader returns null
   */
  <T> T computeIfAbsent(ContextKey<T> key, Function<? super QueryContext, ? extends T> loader);

  /** The value under {@code key} if one was computed. */
  <T> Optional<T> get(ContextKey<T> key);

  /**
   * Closes {@code resource} when the query is finished, after every stage that may still use it has ended (a stage
   * abandoned after a timeout included). Use it for native memory scoped to the query, such as a DJL
   * {@code NDManager}.
   */
  void closeWhenDone(AutoCloseable resource);

  /** The outcomes of the stages that finished before the current step, in order. */
  List<StageOutcome> outcomesSoFar();
}
