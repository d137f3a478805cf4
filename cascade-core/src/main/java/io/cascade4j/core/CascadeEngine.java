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
    @Nullable StageOutcome lastOpinion = null;
    boolean cutShort = false;
    for (int i = 0; i < steps.length; i++) {
      Step step = steps[i];
      boolean interrupted = Thread.currentThread().isInterrupted();
      if (interrupted || System.nanoTime() >= scope.deadlineNanos()) {
        // Out of time, or the caller gave up on this query: answer at once with what there is.
        cutShort = true;
        recordNotRun(scope, i, interrupted ? "caller interrupted" : "deadline passed");
        break;
      }
      StepRun run = step instanceof Group group ? runGroup(group, scope) : runSingle((Single) step, scope);
      cutShort |= run.skippedForTime;
      if (run.outcome.hasOpinion()) {
        lastOpinion = run.outcome;
        if (shouldExit(step, run, scope)) {
          recordNotRun(scope, i + 1, null);
          return answer(scope, start, run.outcome.evidence().probability(), Resolution.EXIT, step.name());
        }
      }
    }
    if (lastOpinion != null) {
      return answer(
          scope,
          start,
          lastOpinion.evidence().probability(),
          cutShort ? Resolution.DEADLINE : Resolution.LAST_OPINION,
          lastOpinion.stage());
    }
    return answer(scope, start, fallback.probability(), Resolution.FALLBACK, null);
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

  private StepRun runSingle(Single step, QueryScope scope) {
    Member member = step.member;
    long now = System.nanoTime();
    StageOutcome outcome = skipForTime(member, scope, now);
    if (outcome == null) {
      long limitAt = limitAt(now, member.timeoutNanos, scope.deadlineNanos());
      outcome =
          member.inline
              ? runInline(member, scope, now, limitAt)
              : await(member, submit(member, scope), now, limitAt);
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
    long elapsed = System.nanoTime() - start;
    if (elapsed - (limitAt - start) > 0) {
      member.latency.observeCutOff(elapsed);
      return timedOut(member, elapsed, limitAt - start);
    }
    return accept(member, evidence, elapsed);
  }

  private Future<Evidence> submit(Member member, QueryScope scope) {
    scope.retain();
    runningTasks.incrementAndGet();
    try {
      return executor.submit(
          () -> {
            try {
              return member.stage.evaluate(scope);
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

  private StageOutcome await(Member member, Future<Evidence> future, long start, long limitAt) {
    if (!Thread.currentThread().isVirtual()) {
      long spinUntil = Math.min(System.nanoTime() + SPIN_NANOS, limitAt);
      while (!future.isDone() && System.nanoTime() - spinUntil < 0) {
        Thread.onSpinWait();
      }
    }
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
