package io.cascade4j.core;

/**
 * Where a stage runs, which decides whether its time limit can be enforced. The same choice as Hystrix's thread and
 * semaphore isolation.
 */
public enum Isolation {
  /**
   * Off the query's thread. The engine waits at most until the stage's time limit, then interrupts it and goes on
   * without it, so a stage that hangs cannot hold up the query. The query's remaining steps move to one virtual
   * thread at the first such stage, which the query's thread watches: one thread hand-off (about a microsecond) per
   * query, however many thread-isolated stages follow. The default.
   */
  THREAD,
  /**
   * On the query's own thread, with no hand-off. For stages that are fast and never block (arithmetic on data already
   * in memory): a result that arrives after the time limit is discarded, but nothing can stop a stage that hangs.
   */
  INLINE
}
