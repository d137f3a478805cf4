package io.cascade4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerTextTest {
  @Test
  void lineBreaksAndEscapesCannotForgeALogLine() {
    String forged = "oops\r\n2026-11-30 INFO Miner - all good\u001b[2J";
    assertThat(PeerText.quote(forged, 200))
        .isEqualTo("oops\\u000d\\u000a2026-11-30 INFO Miner - all good\\u001b[2J")
        .doesNotContain("\n", "\r", "\u001b");
  }

  @Test
  void printableTextStaysAsItIsAndLongTextIsCut() {
    assertThat(PeerText.quote("{\"error\": \"model not loaded\"}", 200)).isEqualTo("{\"error\": \"model not loaded\"}");
    assertThat(PeerText.quote("x".repeat(1000), 10)).isEqualTo("xxxxxxxxxx... (990 more characters)");
    assertThat(PeerText.quote("caf\u00e9 \\u000a", 200)).as("a backslash is escaped, so a quote reads one way")
        .isEqualTo("caf\\u00e9 \\\\u000a");
  }
}
