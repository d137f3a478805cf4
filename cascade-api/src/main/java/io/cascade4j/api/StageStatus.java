package io.cascade4j.api;

/** How a stage's turn in a query ended. */
public enum StageStatus {
  /** The stage returned evidence (which may still be "no opinion"). */
  OK,
  /** The stage threw, returned nothing or returned an invalid value; the query went on without it. */
  FAILED,
  /** The stage was not run because the deadline left too little time for it. */
  SKIPPED,
  /** The stage was not run because the cascade answered before reaching it. */
  NOT_REACHED,
  /** The stage did not finish within its time limit; its result, if any came later, was discarded. */
  TIMED_OUT
}
