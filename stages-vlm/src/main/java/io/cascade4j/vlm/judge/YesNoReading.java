package io.cascade4j.vlm.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * P(yes) read from an OpenAI-style chat completion that was asked for one token with {@code logprobs} and {@code
 * top_logprobs}: the probabilities of every variant of "yes" and "no" among the first token's candidates (any case,
 * with or without a leading space, as tokenizers split them) are summed and normalised, {@code P(yes) = yes / (yes +
 * no)}. When the server sent no log-probabilities, or none of the candidates is a yes or a no, the reply's text
 * decides instead, at the configured confidence.
 *
 * @param probability P(yes), or {@code null} when the reply is neither yes nor no
 * @param source {@code logprobs} or {@code text}
 * @param reply the reply's text, trimmed and cut to 200 characters
 */
public record YesNoReading(@Nullable Double probability, String source, String reply) {
  private static final int MAX_REPLY = 200;

  /**
   * Reads {@code response}.
   *
   * @param textConfidence P(yes) for a plain-text "yes" (and 1 minus it for "no")
   * @throws IllegalArgumentException if the response has no {@code choices[0].message}
   */
  public static YesNoReading of(JsonNode response, double textConfidence) {
    JsonNode choice = response.path("choices").path(0);
    JsonNode message = choice.path("message");
    if (!message.isObject()) {
      throw new IllegalArgumentException("the reply has no choices[0].message"
          + (response.has("error") ? "; the server said: " + cut(response.path("error").toString()) : ""));
    }
    String text = message.path("content").isTextual() ? message.path("content").asText().strip() : "";
    String reply = cut(text);
    JsonNode first = choice.path("logprobs").path("content").path(0);
    if (first.isObject()) {
      Map<String, Double> candidates = new LinkedHashMap<>(); // token text -> probability; first mention wins
      candidate(candidates, first);
      for (JsonNode top : first.path("top_logprobs")) {
        candidate(candidates, top);
      }
      double yes = 0;
      double no = 0;
      for (Map.Entry<String, Double> c : candidates.entrySet()) {
        Boolean word = word(c.getKey());
        if (word != null) {
          yes += word ? c.getValue() : 0;
          no += word ? 0 : c.getValue();
        }
      }
      if (yes + no > 0) {
        return new YesNoReading(yes / (yes + no), "logprobs", reply);
      }
    }
    Boolean word = word(firstWord(text));
    return new YesNoReading(word == null ? null : word ? textConfidence : 1 - textConfidence, "text", reply);
  }

  private static void candidate(Map<String, Double> candidates, JsonNode entry) {
    JsonNode logprob = entry.path("logprob");
    if (entry.path("token").isTextual() && logprob.isNumber()) {
      // llama.cpp writes the lowest float for a zero probability and vLLM -9999.0; exp() makes both 0.
      candidates.putIfAbsent(entry.path("token").asText(), Math.exp(logprob.asDouble()));
    }
  }

  /** {@code true} for a yes token or word, {@code false} for a no, {@code null} for anything else. */
  static @Nullable Boolean word(String token) {
    // SentencePiece and byte-level BPE mark a leading space with these when a server sends raw pieces.
    String t = token.replace("\u2581", "").replace("\u0120", "").strip().toLowerCase(Locale.ROOT);
    while (!t.isEmpty() && !Character.isLetter(t.charAt(t.length() - 1))) {
      t = t.substring(0, t.length() - 1); // "Yes." and "No," read as yes and no
    }
    return switch (t) {
      case "yes", "true" -> Boolean.TRUE;
      case "no", "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static String firstWord(String text) {
    String t = text.strip();
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    return t.substring(0, end);
  }

  private static String cut(String s) {
    return s.length() <= MAX_REPLY ? s : s.substring(0, MAX_REPLY) + "...";
  }
}
