package io.cascade4j.miner.axon;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageHealth;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.CascadeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness policy of {@code /ready}: the miner is not ready while a stage's circuit breaker is open or while a
 * stage failed every one of its last {@value #WINDOW} runs.
 *
 * <p>Why these two: either means every query now goes on without that stage, answered by fewer (and cheaper) stages
 * than the operator configured, which is worth taking the miner out of a load balancer's rotation or paging someone.
 * A half-open breaker is still ready (it is trying the dependency again), and timeouts and skips do not count as
 * failures: they follow load, and a readiness that falls with load would take healthy miners out exactly when they are
 * needed most. Runs are counted per cascade: {@link #reset()} on reload starts the new cascade with a clean record.
 */
final class StageReadiness implements CascadeListener {
  /** How many of a stage's most recent runs must all have failed. */
  static final int WINDOW = 20;

  private final Map<String, RecentRuns> runs = new ConcurrentHashMap<>();

  @Override
  public void stageFinished(String cascade, Query query, StageOutcome outcome) {
    if (outcome.status() == StageStatus.OK || outcome.status() == StageStatus.FAILED) {
      runs.computeIfAbsent(outcome.stage(), s -> new RecentRuns()).add(outcome.status() == StageStatus.FAILED);
    }
  }

  /** Forgets every run (the cascade was replaced). */
  void reset() {
    runs.clear();
  }

  /** Why {@code cascade} is not ready, one line per stage; empty when it is ready. */
  List<String> problems(Cascade cascade) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, StageHealth> stage : cascade.health().entrySet()) {
      if (stage.getValue().state() == StageHealth.State.OPEN) {
        problems.add("stage " + stage.getKey() + ": circuit breaker open"
            + (stage.getValue().detail().isEmpty() ? "" : " (" + stage.getValue().detail() + ")"));
      }
    }
    runs.forEach((stage, recent) -> {
      if (recent.allFailed()) {
        problems.add("stage " + stage + ": failed each of its last " + WINDOW + " runs");
      }
    });
    problems.sort(null);
    return problems;
  }

  /** The outcomes of a stage's last {@value #WINDOW} runs. */
  private static final class RecentRuns {
    private final boolean[] failed = new boolean[WINDOW];
    private int next;
    private int count;
    private int failures;

    synchronized void add(boolean failure) {
      if (count == WINDOW) {
        failures -= failed[next] ? 1 : 0;
      } else {
        count++;
      }
      failed[next] = failure;
      failures += failure ? 1 : 0;
      next = (next + 1) % WINDOW;
    }

    synchronized boolean allFailed() {
      return count == WINDOW && failures == WINDOW;
    }
  }
}
