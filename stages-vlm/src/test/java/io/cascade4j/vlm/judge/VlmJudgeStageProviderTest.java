package io.cascade4j.vlm.judge;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

class VlmJudgeStageProviderTest extends StageProviderCompatibilityKit {
  private static final FakeChatServer SERVER = start();

  private static FakeChatServer start() {
    try {
      return new FakeChatServer(FakeChatServer.Reply.ok(FakeChatServer.reply("vllm-yes.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @Override
  protected StageProvider provider() {
    return new VlmJudgeStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("endpoint", SERVER.url(), "model", "qwen", "max-concurrent", 16);
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("endpoint", SERVER.url());
  }
}
