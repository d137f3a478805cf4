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
  TIMED_OUT,
  /**
   * The query's input could not be used (an image that is corrupt, or beyond the limits, once decoded): nothing is
   * wrong with the stage, so this says nothing about its health, and a caller may refuse the query rather than
   * answer it by a fallback.
   */
  UNUSABLE_INPUT
}
