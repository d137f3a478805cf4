package io.cascade4j.ocr;

import io.cascade4j.api.Suggestions;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Roadwork from read text: phrases that mean roadwork (ROAD WORK AHEAD, BAUSTELLE, TRAVAUX, ...) and phrases that
 * cancel them (END ROAD WORK, ENDE BAUSTELLE, ...), matched with tolerance for OCR errors.
 *
 * <p>Text is upper-cased, stripped of accents, and split into words of letters after undoing the usual OCR digit
 * confusions (0 for O, 1 for I, 5 for S, 8 for B). A phrase matches a run of one word fewer to one word more than it
 * has (OCR merges and splits words) when the letters, spaces removed, are within an edit distance of {@code tolerance}
 * times the phrase's length and each of its words is there (words of three letters or fewer exactly); phrases of five
 * letters or fewer must match exactly, or OBRAS would match COBRAS. A negative phrase cancels every positive match it
 * overlaps, so END ROAD WORK is not ROAD WORK.
 *
 * @param positives phrases that mean roadwork
 * @param negatives phrases that cancel an overlapping positive
 * @param tolerance allowed edits per letter
 */
public record KeywordRules(List<String> positives, List<String> negatives, double tolerance) {
  /** Built-in phrases by language, upper case. */
  public static final Map<String, List<String>> POSITIVE = Map.of(
      "en", List.of("ROAD WORK", "ROAD WORK AHEAD", "ROADWORKS", "ROAD WORKS", "ROAD CONSTRUCTION", "CONSTRUCTION",
          "CONSTRUCTION ZONE", "WORK ZONE", "LANE CLOSED", "LANE CLOSURE", "ROAD CLOSED", "DETOUR", "MEN AT WORK",
          "WORKERS AHEAD", "FLAGGER AHEAD", "UTILITY WORK AHEAD", "SHOULDER WORK"),
      "de", List.of("BAUSTELLE", "STRASSENARBEITEN", "STRASSENBAU", "UMLEITUNG", "FAHRBAHNVERENGUNG"),
      "fr", List.of("TRAVAUX", "CHANTIER", "DEVIATION", "ROUTE BARREE"),
      "es", List.of("OBRAS", "EN OBRAS", "DESVIO", "HOMBRES TRABAJANDO"),
      "it", List.of("LAVORI", "LAVORI IN CORSO", "CANTIERE", "DEVIAZIONE"),
      "nl", List.of("WERK IN UITVOERING", "WEGWERKZAAMHEDEN", "OMLEIDING"),
      "pt", List.of("OBRAS", "OBRAS NA VIA", "DESVIO"));
  /** Built-in cancelling phrases by language. */
  public static final Map<String, List<String>> NEGATIVE = Map.of(
      "en", List.of("END ROAD WORK", "END ROADWORKS", "END ROAD WORKS", "END CONSTRUCTION", "END WORK ZONE",
          "END DETOUR"),
      "de", List.of("ENDE BAUSTELLE", "ENDE DER BAUSTELLE"),
      "fr", List.of("FIN DE TRAVAUX", "FIN DE CHANTIER", "FIN DE DEVIATION"),
      "es", List.of("FIN DE OBRAS", "FIN OBRAS"),
      "it", List.of("FINE LAVORI", "FINE CANTIERE"),
      "nl", List.of("EINDE WERKZAAMHEDEN"),
      "pt", List.of("FIM DE OBRAS"));

  /**
   * One phrase found.
   *
   * @param phrase the phrase as configured
   * @param read the words as read
   * @param negative whether it is a cancelling phrase
   * @param start first word index
   * @param end one past the last word index
   */
  public record Match(String phrase, String read, boolean negative, int start, int end) {
    boolean overlaps(Match o) {
      return start < o.end && o.start < end;
    }
  }

  /**
   * The verdict on a text.
   *
   * @param positives positive matches not cancelled
   * @param negatives negative matches
   */
  public record Verdict(List<Match> positives, List<Match> negatives) {
    public boolean roadwork() {
      return !positives.isEmpty();
    }
  }

  public KeywordRules {
    positives = positives.stream().map(KeywordRules::normalise).filter(p -> !p.isEmpty()).distinct().toList();
    negatives = negatives.stream().map(KeywordRules::normalise).filter(p -> !p.isEmpty()).distinct().toList();
    if (positives.isEmpty()) {
      throw new IllegalArgumentException("the OCR rules need at least one positive phrase");
    }
    if (!(tolerance >= 0 && tolerance < 0.5)) {
      throw new IllegalArgumentException("tolerance must be in [0, 0.5), got " + tolerance);
    }
  }

  /** The built-in phrases of {@code languages}. */
  public static KeywordRules forLanguages(List<String> languages, double tolerance) {
    List<String> pos = new ArrayList<>();
    List<String> neg = new ArrayList<>();
    for (String language : languages) {
      String l = language.toLowerCase(Locale.ROOT);
      if (!POSITIVE.containsKey(l)) {
        throw new IllegalArgumentException("no built-in phrases for language '" + language + "' (have "
            + POSITIVE.keySet().stream().sorted().toList() + "); list your own under phrases");
      }
      pos.addAll(POSITIVE.get(l));
      neg.addAll(NEGATIVE.get(l));
    }
    return new KeywordRules(pos, neg, tolerance);
  }

  /** Upper case, no accents, OCR digit confusions undone, words of letters separated by single spaces. */
  static String normalise(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .toUpperCase(Locale.ROOT).replace('ß', 'S');
    StringBuilder out = new StringBuilder();
    for (String word : plain.split("[^\\p{L}\\p{N}|$]+")) {
      if (word.isEmpty()) {
        continue;
      }
      boolean hasLetter = word.chars().anyMatch(Character::isLetter);
      StringBuilder w = new StringBuilder();
      for (char c : word.toCharArray()) {
        char fixed = !hasLetter ? c : switch (c) { // digits inside words are misread letters
          case '0' -> 'O';
          case '1', '|' -> 'I';
          case '5', '$' -> 'S';
          case '8' -> 'B';
          default -> c;
        };
        if (Character.isLetter(fixed)) {
          w.append(fixed);
        }
      }
      if (!w.isEmpty()) {
        out.append(out.isEmpty() ? "" : " ").append(w);
      }
    }
    return out.toString();
  }

  /** Every positive and negative match in {@code text}, then positives overlapped by a negative removed. */
  public Verdict judge(String text) {
    String normal = normalise(text);
    List<String> words = normal.isEmpty() ? List.of() : Arrays.asList(normal.split(" "));
    List<Match> negativeMatches = find(words, negatives, true);
    List<Match> positiveMatches = find(words, positives, false).stream()
        .filter(p -> negativeMatches.stream().noneMatch(n -> n.overlaps(p))).toList();
    return new Verdict(positiveMatches, negativeMatches);
  }

  private List<Match> find(List<String> words, List<String> phrases, boolean negative) {
    List<Match> found = new ArrayList<>();
    for (String phrase : phrases) {
      int k = phrase.split(" ").length;
      String target = phrase.replace(" ", "");
      int allowed = target.length() <= 5 ? 0 : (int) Math.floor(target.length() * tolerance);
      for (int start = 0; start < words.size(); start++) {
        for (int n = Math.max(1, k - 1); n <= k + 1 && start + n <= words.size(); n++) {
          String read = String.join("", words.subList(start, start + n));
          if (Math.abs(read.length() - target.length()) <= allowed && Suggestions.editDistance(read, target) <= allowed
              && everyWordPresent(phrase, read)) {
            found.add(new Match(phrase, String.join(" ", words.subList(start, start + n)), negative, start,
                start + n));
            break;
          }
        }
      }
    }
    return found;
  }

  /**
   * Whether each word of {@code phrase} appears in {@code read} (words of three letters or fewer exactly, longer ones
   * with an edit per three letters): the overall tolerance must not swallow a short word, or END CONSTRUCTION would
   * match CONSTRUCTION.
   */
  private static boolean everyWordPresent(String phrase, String read) {
    for (String word : phrase.split(" ")) {
      int allowed = word.length() / 3;
      boolean found = false;
      for (int len = Math.max(1, word.length() - allowed); len <= word.length() + allowed && !found; len++) {
        for (int at = 0; at + len <= read.length() && !found; at++) {
          found = Suggestions.editDistance(read.substring(at, at + len), word) <= allowed;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
