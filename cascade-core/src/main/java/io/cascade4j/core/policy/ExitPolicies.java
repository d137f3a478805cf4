package io.cascade4j.core.policy;

import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StepResult;
import java.util.Locale;

/**
 * The built-in exit policies, for building cascades in code. Configuration files name them by type: {@code band},
 * {@code always}, {@code never}, {@code agreement}.
 */
public final class ExitPolicies {
  private static final ExitPolicy ALWAYS = named("always", step -> true);
  private static final ExitPolicy NEVER = named("never", step -> false);

  private ExitPolicies() {}

  /**
   * Answers when the step is confident either way: {@code p <= low} or {@code p >= high}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= low < high <= 1}
   */
  public static ExitPolicy band(double low, double high) {
    if (!(low >= 0 && low < high && high <= 1)) {
      throw new IllegalArgumentException("band needs 0 <= low < high <= 1, got low=" + low + ", high=" + high);
    }
    return named(
        String.format(Locale.ROOT, "band(%s, %s)", low, high),
        step -> {
          double p = step.evidence().probability();
          return p <= low || p >= high;
        });
  }

  /** Always answers after the step (when it has an opinion). */
  public static ExitPolicy always() {
    return ALWAYS;
  }

  /** Never answers after the step: the cascade goes on. */
  public static ExitPolicy never() {
    return NEVER;
  }

  /**
   * Answers when the members of a group agree: at least {@code minMembers} have an opinion, all of them lie on the
   * same side of {@code threshold} by at least {@code margin}, and the highest and lowest differ by at most {@code
   * maxSpread}. Meant for parallel groups; after a single stage it answers only if {@code minMembers} is 1.
   *
   * @throws IllegalArgumentException unless {@code 0 < threshold < 1}, {@code 0 <= margin < 0.5}, {@code 0 <=
   *     maxSpread <= 1} and {@code minMembers >= 1}
   */
  public static ExitPolicy agreement(double threshold, double margin, double maxSpread, int minMembers) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("agreement threshold must be within (0, 1), got " + threshold);
    }
    if (!(margin >= 0 && margin < 0.5)) {
      throw new IllegalArgumentException("agreement margin must be within [0, 0.5), got " + margin);
    }
    if (!(maxSpread >= 0 && maxSpread <= 1)) {
      throw new IllegalArgumentException("agreement max spread must be within [0, 1], got " + maxSpread);
    }
    if (minMembers < 1) {
      throw new IllegalArgumentException("agreement needs min members >= 1, got " + minMembers);
    }
    return named(
        String.format(
            Locale.ROOT,
            "agreement(threshold=%s, margin=%s, maxSpread=%s, minMembers=%d)",
            threshold,
            margin,
            maxSpread,
            minMembers),
        step -> agree(step, threshold, margin, maxSpread, minMembers));
  }

  /** Agreement on the same side of 0.5 by {@code margin}, among at least {@code minMembers} members. */
  public static ExitPolicy agreement(double margin, int minMembers) {
    return agreement(0.5, margin, 1.0, minMembers);
  }

  private static boolean agree(
      StepResult step, double threshold, double margin, double maxSpread, int minMembers) {
    int voters = 0;
    int positive = 0;
    double min = 1;
    double max = 0;
    for (StageOutcome member : step.members()) {
      if (!member.hasOpinion()) {
        continue;
      }
      double p = member.evidence().probability();
      if (p >= threshold + margin) {
        positive++;
      } else if (p > threshold - margin) {
        return false; // too close to the threshold to count as agreeing either way
      }
      voters++;
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    return voters >= minMembers && (positive == 0 || positive == voters) && max - min <= maxSpread;
  }

  private static ExitPolicy named(String description, ExitPolicy policy) {
    return new ExitPolicy() {
      @Override
      public boolean shouldExit(StepResult step) {
        return policy.shouldExit(step);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
