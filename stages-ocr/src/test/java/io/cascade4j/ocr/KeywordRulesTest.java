package io.cascade4j.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordRulesTest {
  private static final KeywordRules RULES = KeywordRules.forLanguages(List.of("en", "de", "fr", "es", "it", "nl",
      "pt"), 0.2);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "ROAD WORK AHEAD | true",
      "road work\\nahead | true",
      "R0AD W0RK AHEAD | true",             // zeros for Os
      "ROADWORK AHEAD | true",              // merged words
      "ROAD WORX AHEAD | true",             // one letter misread
      "C0NSTRUCTI0N Z0NE | true",
      "CONST RUCTION | true",               // a split word
      "Baustelle | true",
      "TRAVAUX | true",
      "Déviation | true",                   // accents
      "LAVORI IN CORSO | true",
      "OBRAS | true",
      "END ROAD WORK | false",              // cancelled
      "END CONSTRUCTION | false",
      "Ende der Baustelle | false",
      "FIN DE TRAVAUX | false",
      "COBRAS | false",                     // short words must match exactly
      "SPEED LIMIT 50 | false",
      "ROAD | false",
      " | false"})
  void readsRoadworkPhrasesAndTheirCancellations(String text, boolean roadwork) {
    assertThat(RULES.judge(text == null ? "" : text.replace("\\n", "\n")).roadwork()).isEqualTo(roadwork);
  }

  @Test
  void aCancelledSignStillReportsWhatCancelledIt() {
    KeywordRules.Verdict v = RULES.judge("END ROAD WORK");
    assertThat(v.positives()).isEmpty();
    assertThat(v.negatives()).extracting(KeywordRules.Match::phrase).contains("END ROAD WORK");
    KeywordRules.Verdict both = RULES.judge("END ROAD WORK\nDETOUR");
    assertThat(both.positives()).extracting(KeywordRules.Match::phrase).containsExactly("DETOUR");
  }

  @Test
  void normalisingUndoesDigitsOnlyInsideWords() {
    assertThat(KeywordRules.normalise("R0AD w0rk 50 km/h, Straße")).isEqualTo("ROAD WORK KM H STRASSE");
  }

  @Test
  void badRulesAreRefused() {
    assertThatThrownBy(() -> KeywordRules.forLanguages(List.of("xx"), 0.2)).hasMessageContaining("'xx'");
    assertThatThrownBy(() -> new KeywordRules(List.of(" "), List.of(), 0.2)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new KeywordRules(List.of("A"), List.of(), 0.7)).hasMessageContaining("tolerance");
  }
}
