package io.cascade4j.api;

import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for error messages: the known name closest to a mistyped one.
 *
 * <pre>{@code
 * Suggestions.closest("clasifier", List.of("classifier", "yolo")) // Optional[classifier]
 * }</pre>
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate nearest to {@code name} by edit distance (case ignored), if one is close enough to be a typo:
   * within 2 edits, or a third of the name's length for long names.
   */
  public static Optional<String> closest(String name, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Math.max(2, name.length() / 3) + 1;
    for (String candidate : candidates) {
      int d = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The Levenshtein distance between {@code a} and {@code b} (insertions, deletions, substitutions; case counts). */
  public static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
