package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.testkit.TestImages;
import java.awt.Color;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language tiers from YAML, found by ServiceLoader across modules (zero-shot in stages-vision, the judge in
 * stages-vlm, as the distribution packs them): a zero-shot stage, then a VLM judge whose server is down. The
 * cascade answers from the zero-shot evidence; after the first failure the breaker makes the judge fail at once.
 */
class LanguageTiersCascadeTest {
  @Test
  void aDeadVlmServerLeavesTheAnswerToEarlierEvidence(@TempDir Path dir) throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort(); // closed again: connections are refused
    }
    // The zero-shot fixtures of stages-vision (scripts/fixtures/zero_shot_models.py).
    Path resources = Path.of("..", "stages-vision", "src", "test", "resources", "zeroshot").toAbsolutePath();
    Path yaml = Files.writeString(dir.resolve("cascade.yaml"), """
        cascade: language-tiers
        deadline: 10s
        fallback: 0.5
        stages:
          - name: clip
            type: zero-shot
            model: %s
            prompts: %s
            temperature: 0.5
            preprocessing: {resize: exact, width: 32, height: 32, normalization: clip}
          - name: judge
            type: vlm-judge
            endpoint: http://127.0.0.1:%d
            model: Qwen/Qwen3-VL-8B-Instruct
            retries: 0
            breaker: {failures: 1, open-for: 1h}
            exit: always
        """.formatted(resources.resolve("tiny-encoder.onnx"), resources.resolve("prompts.json"), deadPort));
    try (Cascade cascade = Cascades.load(yaml, ProviderRegistry.discover())) {
      for (int i = 0; i < 2; i++) {
        Answer answer = cascade.evaluate(Query.of(TestImages.png(TestImages.solid(64, 64, new Color(255, 103, 0)))));
        StageOutcome clip = answer.outcome("clip").orElseThrow();
        StageOutcome judge = answer.outcome("judge").orElseThrow();
        assertThat(judge.status()).isEqualTo(StageStatus.FAILED);
        assertThat(judge.detail()).contains(i == 0 ? "cannot reach" : "circuit breaker");
        assertThat(answer.resolution()).isEqualTo(Answer.Resolution.LAST_OPINION);
        assertThat(answer.probability()).isEqualTo(clip.evidence().probability()).isGreaterThan(0.9);
      }
    }
  }
}
