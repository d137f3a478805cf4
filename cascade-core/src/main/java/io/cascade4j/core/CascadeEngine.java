package io.cascade4j.core;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Answer.Resolution;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Ensemble;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.Query;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.api.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of one cascade for each query. Immutable apart from the learned latencies and the fallback's prior,
 * so any number of queries run at once.
 *
 * <p>Per query: one {@link QueryScope}; for each step, a deadline check, the stage(s), the exit policy. Nothing on
 * the path of an inline stage allocates beyond the scope, the trace and the answer, which keeps the engine's own
 * cost far below a microsecond per stage.
 */
final class CascadeEngine implements Cascade {
  private static final Logger log = LoggerFactory.getLogger(CascadeEngine.class);
  private static final long NO_LIMIT = Long.MAX_VALUE;
  /**
   * How long a platform thread spins on a stage's future before it parks. Waking a parked platform thread costs tens
   * of microseconds on a busy machine, ten times what a short stage takes; a few microseconds of spinning avoid it,
   * and cost nothing that matters next to a model that runs for milliseconds. Virtual threads park cheaply and never
   * spin, so that they do not hold a carrier.
   */
  private static final long SPIN_NANOS = 25_000;

  private final String name;
  private final long deadlineNanos;
  private final Fallback fallback;
  private final @Nullable OperatingPoint operatingPoint;
  private final Step[] steps;
  private final int traceCapacity;
  private final Listeners listeners;
  private final ExecutorService executor;
  private final Leases leases;
  private final List<Stage> stages;
  /** Stage tasks on virtual threads that have not returned, including those a timeout abandoned. */
  private final java.util.concurrent.atomic.AtomicInteger runningTasks = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean stagesClosing = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean stagesClosed = new java.util.concurrent.atomic.AtomicBoolean();

  CascadeEngine(
      String name,
      Duration deadline,
      Fallback fallback,
      @Nullable OperatingPoint operatingPoint,
      List<Step> steps,
      List<CascadeListener> listeners) {
    this.name = name;
    this.deadlineNanos = deadline.toNanos();
    this.fallback = fallback;
    this.operatingPoint = operatingPoint;
    this.steps = steps.toArray(Step[]::new);
    this.traceCapacity = steps.stream().mapToInt(Step::traceEntries).sum();
    this.listeners = new Listeners(listeners);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cascade-" + name + "-", 0).factory());
    Set<Stage> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Step step : steps) {
      for (Member member : step.members()) {
        distinct.add(member.stage);
      }
    }
    this.stages = List.copyOf(distinct);
    this.leases = new Leases(this::closeStages);
    this.listeners.cascadeStarted(name, stageNames());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> steps() {
    return java.util.Arrays.stream(steps).map(Step::name).toList();
  }

  @Override
  public java.util.Map<String, io.cascade4j.api.StageHealth> health() {
    java.util.Map<String, io.cascade4j.api.StageHealth> health = new java.util.LinkedHashMap<>();
    for (Step step : steps) {
      for (Member member : step.members()) {
        io.cascade4j.api.StageHealth h;
        try {
          h = member.stage.health();
        } catch (RuntimeException e) {
          h = new io.cascade4j.api.StageHealth(io.cascade4j.api.StageHealth.State.OPEN, "health() threw: " + e);
        }
        health.put(member.name, h);
      }
    }
    return health;
  }

  /** Every stage and group name, group members after their group: what listeners register meters for. */
  List<String> stageNames() {
    List<String> names = new java.util.ArrayList<>();
    for (Step step : steps) {
      if (step instanceof Group) {
        names.add(step.name());
      }
      for (Member member : step.members()) {
        names.add(member.name);
      }
    }
    return names;
  }

  @Override
  public Answer evaluate(Query query) {
    if (!leases.tryAcquire()) {
      throw new IllegalStateException("cascade '" + name + "' is closed");
    }
    try {
      return run(query);
    } finally {
      leases.release();
    }
  }

  @Override
  public void close() {
    leases.close();
  }

  private Answer run(Query query) {
    long start = System.nanoTime();
    QueryScope scope = new QueryScope(query, start + budgetNanos(query), traceCapacity);
    listeners.queryStarted(name, query);
    try {
      Answer answer = runSteps(scope, start);
      listeners.answered(name, query, answer);
      return answer;
    } finally {
      scope.release();
    }
  }

  private long budgetNanos(Query query) {
    Instant callerDeadline = query.deadline();
    if (callerDeadline == null) {
      return deadlineNanos;
    }
    long callerNanos = Duration.between(Instant.now(), callerDeadline).toNanos();
    return Math.max(0, Math.min(deadlineNanos, callerNanos));
  }

  private Answer runSteps(QueryScope scope, long start) {
    Answer answer = walk(new Walk(scope, start), 0, true);
    if (answer == null) {
      throw new IllegalStateException("the query's own thread never gives its walk away");
    }
    return answer;
  }

  /**
   * Runs the steps from {@code from} on. On the query's own thread ({@code onCaller}), the first thread-isolated stage
   * hands the rest of the walk to one virtual thread (a runner) and the query's thread watches it: one hand-off per
   * query, however many thread-isolated stages follow, instead of one per stage. The watcher still enforces each
   * stage's time limit: past it, it takes the walk back (the runner's late result is dropped) and goes on without that
   * stage. Returns null only on a runner whose walk was taken back.
   */
  private @Nullable Answer walk(Walk walk, int from, boolean onCaller) {
    QueryScope scope = walk.scope;
    for (int i = from; i < steps.length; i++) {
      Step step = steps[i];
      boolean interrupted = Thread.currentThread().isInterrupted();
      if (interrupted || System.nanoTime() >= scope.deadlineNanos()) {
        // Out of time, or the caller gave up on this query: answer at once with what there is.
        walk.cutShort = true;
        recordNotRun(scope, i, interrupted ? "caller interrupted" : "deadline passed");
        break;
      }
      if (onCaller && step instanceof Single single && !single.member.inline) {
        return handOff(walk, i);
      }
      StepRun run = step instanceof Group group ? runGroup(group, scope) : runSingle((Single) step, walk, i);
      if (run == null) {
        return null; // the watcher took the walk back while this runner's stage ran over its limit
      }
      walk.cutShort |= run.skippedForTime;
      if (run.outcome.hasOpinion()) {
        walk.lastOpinion = run.outcome;
        if (shouldExit(step, run, scope)) {
          recordNotRun(scope, i + 1, null);
          return answer(scope, walk.start, run.outcome.evidence().probability(), Resolution.EXIT, step.name());
        }
      }
    }
    StageOutcome lastOpinion = walk.lastOpinion;
    if (lastOpinion != null) {
      return answer(
          scope,
          walk.start,
          lastOpinion.evidence().probability(),
          walk.cutShort ? Resolution.DEADLINE : Resolution.LAST_OPINION,
          lastOpinion.stage());
    }
    return answer(scope, walk.start, fallback.probability(), Resolution.FALLBACK, null);
  }

  /**
   * The rest of the walk on a runner, watched from the query's thread until it answers. The watcher parks until the
   * running stage's limit (between stages, until the deadline) and is woken only by the answer, or by a runner that
   * starts a stage whose limit comes before the one the watcher waits for (a stage with a shorter time limit of its
   * own): with no such limits, the query costs one hand-off there and one back.
   */
  private Answer handOff(Walk walk, int from) {
    walk.watcher = Thread.currentThread();
    walk.watchingUntil = walk.scope.deadlineNanos();
    Future<?> runner = submit(walk.scope, () -> {
      try {
        Answer answer = walk(walk, from, false);
        if (answer != null) {
          walk.done.complete(answer);
        }
      } catch (Throwable t) {
        walk.done.completeExceptionally(t);
        throw t;
      } finally {
        java.util.concurrent.locks.LockSupport.unpark(walk.watcher);
      }
      return null;
    });
    boolean interrupted = false;
    try {
      while (!walk.done.isDone()) {
        long state = walk.state.get();
        int stage = Walk.runningStage(state);
        long now = System.nanoTime();
        // Past the deadline between stages the runner is ending the walk: wait for its answer.
        long until = stage >= 0 ? walk.limitAt : walk.scope.deadlineNanos() - now > 0 ? walk.scope.deadlineNanos()
            : Long.MAX_VALUE;
        walk.watchingUntil = until;
        if (walk.state.get() != state) {
          continue; // the runner moved on meanwhile (it read the old watchingUntil, or this one)
        }
        spinBriefly(walk.done, until);
        if (walk.done.isDone()) {
          break;
        }
        if (until == Long.MAX_VALUE) {
          java.util.concurrent.locks.LockSupport.park(this);
        } else if (until - System.nanoTime() > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(this, until - System.nanoTime());
        }
        if (Thread.interrupted()) {
          // The caller gave up on this query. A running stage is dropped at once; between stages the runner is
          // interrupted (it then ends the walk at its next step, "caller interrupted") and its answer awaited.
          interrupted = true;
          state = walk.state.get();
          stage = Walk.runningStage(state);
          if (stage >= 0 && walk.state.compareAndSet(state, Walk.TAKEN_BACK)) {
            runner.cancel(true);
            record(walk.scope, StageOutcome.without(((Single) steps[stage]).member.name, StageStatus.FAILED,
                Duration.ofNanos(System.nanoTime() - walk.stageStart), "caller interrupted"));
            Thread.currentThread().interrupt(); // the walk sees it and stops
            return java.util.Objects.requireNonNull(walk(walk, stage + 1, true));
          }
          runner.cancel(true);
        } else if (stage >= 0 && System.nanoTime() - walk.limitAt >= 0
            && walk.state.compareAndSet(state, Walk.TAKEN_BACK)) {
          // Over its limit: go on without this stage; the runner's late result is dropped.
          runner.cancel(true);
          Member member = ((Single) steps[stage]).member;
          long elapsed = System.nanoTime() - walk.stageStart;
          member.latency.observeCutOff(elapsed);
          record(walk.scope, timedOut(member, elapsed, walk.limitAt - walk.stageStart));
          return java.util.Objects.requireNonNull(walk(walk, stage + 1, true));
        }
      }
      try {
        return walk.done.join();
      } catch (java.util.concurrent.CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(cause);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * One query's walk through the steps: what passes from the query's thread to a runner and back. {@code state} says
   * where a runner is: running the stage of step i ({@code 2i + 1}), between stages (even), or taken back.
   */
  private static final class Walk {
    static final long TAKEN_BACK = -1;

    final QueryScope scope;
    final long start;
    final java.util.concurrent.atomic.AtomicLong state = new java.util.concurrent.atomic.AtomicLong(0);
    /** Set by the runner before it publishes a running stage through {@code state}. */
    volatile long limitAt;
    volatile long stageStart;
    /** The runner's answer (never completed by a runner whose walk was taken back). */
    final java.util.concurrent.CompletableFuture<Answer> done = new java.util.concurrent.CompletableFuture<>();
    /** The query's thread watching the runner, and the time it parks until (see {@link #handOff}). */
    volatile @Nullable Thread watcher;
    volatile long watchingUntil;
    @Nullable StageOutcome lastOpinion;
    boolean cutShort;

    Walk(QueryScope scope, long start) {
      this.scope = scope;
      this.start = start;
    }

    /** The step whose stage is running in {@code state}, or -1. */
    static int runningStage(long state) {
      return state > 0 && (state & 1) == 1 ? (int) (state >>> 1) : -1;
    }
  }

  private boolean shouldExit(Step step, StepRun run, QueryScope scope) {
    try {
      return step.exit().shouldExit(new StepResult(step.name(), run.outcome.evidence(), run.members, scope));
    } catch (RuntimeException e) {
      log.warn("cascade '{}': exit policy of '{}' threw, going on: {}", name, step.name(), e.toString());
      return false;
    }
  }

  private Answer answer(
      QueryScope scope, long start, double evidence, Resolution resolution, @Nullable String decidedBy) {
    double probability = evidence;
    if (resolution != Resolution.FALLBACK) {
      // The fallback is already an answer; evidence becomes one through the operating point.
      probability = operatingPoint == null ? evidence : operatingPoint.remap(evidence);
      fallback.observe(probability);
    }
    return new Answer(
        scope.query().id(),
        probability,
        resolution,
        decidedBy,
        scope.trace(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Records the steps from {@code fromStep} on as not reached, or as skipped for {@code skipReason}. */
  private void recordNotRun(QueryScope scope, int fromStep, @Nullable String skipReason) {
    for (int s = fromStep; s < steps.length; s++) {
      for (Member member : steps[s].members()) {
        record(scope, skipReason == null ? member.notReached : member.skipped(skipReason));
      }
      if (steps[s] instanceof Group group) {
        record(scope, skipReason == null ? group.notReached() : StageOutcome.without(
            group.name, StageStatus.SKIPPED, Duration.ZERO, skipReason));
      }
    }
  }

  private void record(QueryScope scope, StageOutcome outcome) {
    scope.record(outcome);
    listeners.stageFinished(name, scope.query(), outcome);
  }

  // ---------------------------------------------------------------------------------------------- single stage

  /**
   * One stage: inline on this thread, or, thread-isolated on a runner, published through the walk's state so that the
   * watcher can enforce its limit. Null when the watcher took the walk back meanwhile (the result is dropped).
   */
  private @Nullable StepRun runSingle(Single step, Walk walk, int index) {
    Member member = step.member;
    QueryScope scope = walk.scope;
    long now = System.nanoTime();
    StageOutcome outcome = skipForTime(member, scope, now);
    if (outcome == null) {
      long limitAt = limitAt(now, member.timeoutNanos, scope.deadlineNanos());
      if (member.inline) {
        outcome = runInline(member, scope, now, limitAt);
      } else {
        long running = 2L * index + 1;
        walk.limitAt = limitAt;
        walk.stageStart = now;
        // Between stages only the runner writes the state (the watcher takes the walk back from a running stage
        // only), so a plain write publishes the stage, its limit and its start. A watcher parked past this limit is
        // woken to watch it (both sides write, then read the other's field: one of them sees the other).
        walk.state.set(running);
        Thread watcher = walk.watcher;
        if (watcher != null && limitAt - walk.watchingUntil < 0) {
          java.util.concurrent.locks.LockSupport.unpark(watcher);
        }
        Evidence evidence = null;
        Throwable thrown = null;
        try {
          evidence = member.stage.evaluate(scope);
        } catch (Throwable t) {
          rethrowIfFatal(t);
          thrown = t;
        }
        if (!walk.state.compareAndSet(running, running + 1)) {
          // The watcher timed it out and went on without this runner: the result, or the interruption that ended
          // the call, is no observation of the stage.
          return null;
        }
        outcome = thrown != null ? failed(member, System.nanoTime() - now, thrown)
            : judged(member, evidence, now, limitAt);
      }
    }
    record(scope, outcome);
    return new StepRun(outcome, List.of(outcome), outcome.status() == StageStatus.SKIPPED);
  }

  // ---------------------------------------------------------------------------------------------- parallel group

  private StepRun runGroup(Group group, QueryScope scope) {
    long start = System.nanoTime();
    long groupLimit = limitAt(start, group.timeoutNanos, scope.deadlineNanos());
    Member[] members = group.members;
    StageOutcome[] outcomes = new StageOutcome[members.length];
    List<@Nullable Future<Evidence>> futures = new ArrayList<>(Collections.nCopies(members.length, null));
    boolean skippedForTime = false;
    for (int m = 0; m < members.length; m++) {
      outcomes[m] = skipForTime(members[m], scope, start);
      if (outcomes[m] == null && !members[m].inline) {
        futures.set(m, submit(members[m], scope));
      }
      skippedForTime |= outcomes[m] != null;
    }
    try {
      // Inline members run on this thread while the others run on theirs.
      for (int m = 0; m < members.length; m++) {
        if (outcomes[m] == null && members[m].inline) {
          outcomes[m] = runInline(members[m], scope, start, limitAt(start, members[m].timeoutNanos, groupLimit));
        }
      }
      for (int m = 0; m < members.length; m++) {
        Future<Evidence> future = futures.get(m);
        if (future != null) {
          outcomes[m] = await(members[m], future, start, limitAt(start, members[m].timeoutNanos, groupLimit));
        }
      }
    } finally {
      for (Future<Evidence> future : futures) {
        if (future != null) {
          future.cancel(true); // a no-op for finished ones
        }
      }
    }
    List<StageOutcome> memberOutcomes = Arrays.asList(outcomes);
    for (StageOutcome outcome : outcomes) {
      record(scope, outcome);
    }
    StageOutcome combined = combine(group, memberOutcomes, Duration.ofNanos(System.nanoTime() - start));
    record(scope, combined);
    return new StepRun(combined, memberOutcomes, skippedForTime);
  }

  private StageOutcome combine(Group group, List<StageOutcome> members, Duration latency) {
    try {
      Evidence evidence = group.ensemble.combine(Collections.unmodifiableList(members));
      if (evidence == null) {
        return StageOutcome.without(group.name, StageStatus.FAILED, latency, "ensemble returned null");
      }
      return StageOutcome.ok(group.name, evidence, latency);
    } catch (RuntimeException e) {
      log.warn("cascade '{}': ensemble of '{}' failed: {}", name, group.name, e.toString());
      return StageOutcome.without(group.name, StageStatus.FAILED, latency, "ensemble failed: " + describe(e));
    }
  }

  // ---------------------------------------------------------------------------------------------- running a stage

  /** The skip outcome if the stage's expected latency does not fit before the deadline, else null. */
  private @Nullable StageOutcome skipForTime(Member member, QueryScope scope, long now) {
    long left = scope.deadlineNanos() - now;
    long expected = member.latency.nanos();
    if (member.latency.allows(left)) {
      return null; // expected to fit, or a probe that measures a stage skipped for long again
    }
    String detail =
        left <= 0
            ? "deadline passed"
            : String.format(
                Locale.ROOT, "deadline: expected %.1f ms, %.1f ms left", expected / 1e6, left / 1e6);
    return StageOutcome.without(member.name, StageStatus.SKIPPED, Duration.ZERO, detail);
  }

  private static long limitAt(long start, long timeoutNanos, long outerLimit) {
    if (timeoutNanos == NO_LIMIT) {
      return outerLimit;
    }
    long own = start + timeoutNanos;
    return own - outerLimit < 0 ? own : outerLimit;
  }

  private StageOutcome runInline(Member member, QueryScope scope, long start, long limitAt) {
    Evidence evidence;
    try {
      evidence = member.stage.evaluate(scope);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return failed(member, System.nanoTime() - start, t);
    }
    return judged(member, evidence, start, limitAt);
  }

  /** A result that came back: accepted, or timed out if it came after its limit (a late result is not used). */
  private StageOutcome judged(Member member, @Nullable Evidence evidence, long start, long limitAt) {
    long elapsed = System.nanoTime() - start;
    if (elapsed - (limitAt - start) > 0) {
      member.latency.observeCutOff(elapsed);
      return timedOut(member, elapsed, limitAt - start);
    }
    return accept(member, evidence, elapsed);
  }

  private Future<Evidence> submit(Member member, QueryScope scope) {
    return submit(scope, () -> member.stage.evaluate(scope));
  }

  /** {@code task} on a virtual thread of its own, holding the query's scope and counted until it returns. */
  private <T> Future<T> submit(QueryScope scope, java.util.concurrent.Callable<T> task) {
    scope.retain();
    runningTasks.incrementAndGet();
    try {
      return executor.submit(
          () -> {
            try {
              return task.call();
            } finally {
              scope.release();
              taskEnded();
            }
          });
    } catch (RuntimeException e) { // rejected: the executor is shut down
      scope.release();
      taskEnded();
      throw e;
    }
  }

  /**
   * A stage task ended, answered or abandoned long ago: the last one to end after the cascade closed closes the
   * stages, so no stage's native resources are freed while a call that was cut off by its timeout still uses them.
   */
  private void taskEnded() {
    if (runningTasks.decrementAndGet() == 0 && stagesClosing.get()) {
      closeStagesNow();
    }
  }

  /** On a platform thread, spins a few microseconds for {@code future} before parking (see {@link #SPIN_NANOS}). */
  private static void spinBriefly(Future<?> future, long limitAt) {
    if (!Thread.currentThread().isVirtual()) {
      long spinUntil = Math.min(System.nanoTime() + SPIN_NANOS, limitAt);
      while (!future.isDone() && System.nanoTime() - spinUntil < 0) {
        Thread.onSpinWait();
      }
    }
  }

  private StageOutcome await(Member member, Future<Evidence> future, long start, long limitAt) {
    spinBriefly(future, limitAt);
    Evidence evidence;
    try {
      evidence = future.get(Math.max(0, limitAt - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      long elapsed = System.nanoTime() - start;
      member.latency.observeCutOff(elapsed);
      return timedOut(member, elapsed, limitAt - start);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return failed(member, System.nanoTime() - start, cause);
    } catch (CancellationException e) {
      return failed(member, System.nanoTime() - start, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt(); // the step loop sees it and stops
      return StageOutcome.without(
          member.name, StageStatus.FAILED, Duration.ofNanos(System.nanoTime() - start), "caller interrupted");
    }
    return accept(member, evidence, System.nanoTime() - start);
  }

  private StageOutcome accept(Member member, @Nullable Evidence evidence, long elapsed) {
    member.latency.observe(elapsed);
    if (evidence == null) {
      return StageOutcome.without(
          member.name, StageStatus.FAILED, Duration.ofNanos(elapsed), "returned null instead of Evidence");
    }
    if (member.calibration != null && evidence.hasOpinion()) {
      double calibrated = member.calibration.applyAsDouble(evidence.probability());
      if (!(calibrated >= 0 && calibrated <= 1)) {
        return StageOutcome.without(member.name, StageStatus.FAILED, Duration.ofNanos(elapsed),
            "calibration produced " + calibrated);
      }
      evidence = evidence.withProbability(calibrated);
    }
    return StageOutcome.ok(member.name, evidence, Duration.ofNanos(elapsed));
  }

  private StageOutcome failed(Member member, long elapsed, Throwable t) {
    member.latency.observe(elapsed);
    if (t instanceof io.cascade4j.core.image.ImageDecodingException) {
      // The input's fault, not the stage's: no warning per query (a peer sending corrupt images would flood the
      // log), and a status that health checks do not count.
      log.debug("cascade '{}': stage '{}' could not use the image: {}", name, member.name, t.getMessage());
      return StageOutcome.without(member.name, StageStatus.UNUSABLE_INPUT, Duration.ofNanos(elapsed), describe(t));
    }
    if (log.isDebugEnabled()) {
      log.debug("cascade '{}': stage '{}' failed", name, member.name, t);
    } else {
      log.warn("cascade '{}': stage '{}' failed: {}", name, member.name, describe(t));
    }
    return StageOutcome.without(member.name, StageStatus.FAILED, Duration.ofNanos(elapsed), describe(t));
  }

  private StageOutcome timedOut(Member member, long elapsed, long limit) {
    log.debug("cascade '{}': stage '{}' timed out", name, member.name);
    return StageOutcome.without(
        member.name,
        StageStatus.TIMED_OUT,
        Duration.ofNanos(elapsed),
        String.format(Locale.ROOT, "no result within %.1f ms", limit / 1e6));
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Errors the JVM cannot recover from are not a stage's failure to isolate. */
  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /** The last query is gone: interrupt abandoned stage calls, and close the stages once they have all returned. */
  private void closeStages() {
    executor.shutdownNow();
    stagesClosing.set(true);
    int running = runningTasks.get();
    if (running == 0) {
      closeStagesNow();
    } else {
      log.info("cascade '{}': closing its stages once {} abandoned stage call(s) return", name, running);
      if (runningTasks.get() == 0) {
        closeStagesNow();
      }
    }
  }

  private void closeStagesNow() {
    if (!stagesClosed.compareAndSet(false, true)) {
      return;
    }
    for (Stage stage : stages) {
      try {
        stage.close();
      } catch (RuntimeException e) {
        log.warn("cascade '{}': closing stage {} failed: {}", name, stage, e.toString());
      }
    }
    log.debug("cascade '{}' closed {} stage(s)", name, stages.size());
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    for (Step step : steps) {
      names.add(step.name());
    }
    return "Cascade[" + name + ": " + String.join(" -> ", names) + "]";
  }

  // ---------------------------------------------------------------------------------------------- plan

  /** One stage in the plan, with what the engine learns about it. */
  static final class Member {
    final String name;
    final Stage stage;
    final long timeoutNanos;
    final boolean inline;
    final java.util.function.@Nullable DoubleUnaryOperator calibration;
    final LatencyEstimate latency;
    final StageOutcome notReached;

    Member(StageSpec spec) {
      this.name = spec.name();
      this.stage = spec.stage();
      this.latency = spec.stage().expectedLatency().map(d -> new LatencyEstimate(d.toNanos()))
          .orElseGet(LatencyEstimate::new);
      this.timeoutNanos = spec.timeout() == null ? NO_LIMIT : spec.timeout().toNanos();
      this.inline = spec.isolation() == Isolation.INLINE;
      this.calibration = spec.calibration();
      this.notReached = notReached(name);
    }

    StageOutcome skipped(String why) {
      return StageOutcome.without(name, StageStatus.SKIPPED, Duration.ZERO, why);
    }
  }

  /** Made once per stage or group: an early exit records these without allocating. */
  static StageOutcome notReached(String name) {
    return StageOutcome.without(name, StageStatus.NOT_REACHED, Duration.ZERO, "an earlier step answered");
  }

  /** A step of the plan: a single stage or a parallel group. */
  sealed interface Step permits Single, Group {
    String name();

    ExitPolicy exit();

    Member[] members();

    int traceEntries();
  }

  record Single(Member member, ExitPolicy exit, Member[] members) implements Step {
    Single(Member member, ExitPolicy exit) {
      this(member, exit, new Member[] {member});
    }

    @Override
    public String name() {
      return member.name;
    }

    @Override
    public int traceEntries() {
      return 1;
    }
  }

  record Group(
      String name, Member[] members, Ensemble ensemble, ExitPolicy exit, long timeoutNanos, StageOutcome notReached)
      implements Step {
    Group(String name, Member[] members, Ensemble ensemble, ExitPolicy exit, long timeoutNanos) {
      this(name, members, ensemble, exit, timeoutNanos, CascadeEngine.notReached(name));
    }

    @Override
    public int traceEntries() {
      return members.length + 1;
    }
  }

  /** What one step produced: its (combined) outcome and the members behind it. */
  private record StepRun(StageOutcome outcome, List<StageOutcome> members, boolean skippedForTime) {}
}
