package io.cascade4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.Query;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.StageSpec;
import io.cascade4j.core.policy.ExitPolicies;
import io.cascade4j.testkit.ScriptedStage;
import io.cascade4j.testkit.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerCascadeListenerTest {
  @Test
  void recordsLatenciesExitsFailuresAndSkips() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ScriptedStage slow = ScriptedStage.answering(0.5).taking(Duration.ofMillis(120));
    try (Cascade cascade =
        Cascades.builder("metered")
            .deadline(Duration.ofMillis(300))
            .listener(new MicrometerCascadeListener(meters))
            .stage("broken", ScriptedStage.throwing(new IllegalStateException("x")))
            .stage(StageSpec.of("stuck", ScriptedStage.hanging()).withTimeout(Duration.ofMillis(20)))
            .stage("slow", slow)
            .stage("gate", ScriptedStage.answering(0.99), ExitPolicies.band(0.1, 0.9))
            .stage("unreached", ScriptedStage.answering(0.5))
            .build()) {
      cascade.evaluate(Query.of(TestImages.notAnImage()));
      // Now 'slow' is known to take ~120 ms: with 100 ms left it is skipped.
      cascade.evaluate(Query.builder(TestImages.notAnImage())
          .deadline(java.time.Instant.now().plusMillis(100)).build());
    }

    assertThat(meters.get("cascade.stage.failures").tags("stage", "broken", "reason", "failed").counter().count())
        .isEqualTo(2);
    assertThat(meters.get("cascade.stage.failures").tags("stage", "stuck", "reason", "timed_out").counter().count())
        .isEqualTo(2);
    assertThat(meters.get("cascade.stage.skips").tags("stage", "slow").counter().count()).isEqualTo(1);
    // Registered at zero when the cascade started: a stage that was never reached still has its series.
    assertThat(meters.get("cascade.stage.skips").tags("stage", "unreached").counter().count()).isZero();
    assertThat(meters.get("cascade.stage.latency").tags("stage", "slow", "status", "ok").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("cascade.exits").tags("cascade", "metered", "stage", "gate", "resolution", "exit")
        .counter().count()).isEqualTo(2);
    assertThat(meters.get("cascade.answer.latency").tags("resolution", "exit").timer().count()).isEqualTo(2);
  }
}
