package io.cascade4j.core;

import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;

/** Plugins that misbehave, for discovery tests. Listed only in service files that the tests write to temp folders. */
final class TestPlugins {
  private TestPlugins() {}

  /** A provider that discovery should never get as far as using. */
  abstract static class NeverUsed implements StageProvider {
    private final String type;

    NeverUsed(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Stage create(Settings settings) {
      throw new AssertionError("never created");
    }
  }

  /** Its constructor throws, as a plugin with a missing native library would. */
  public static final class ExplodingStageProvider extends NeverUsed {
    public ExplodingStageProvider() {
      super("exploding");
      throw new IllegalStateException("native library not found");
    }
  }

  /** Its type id is not one. */
  public static final class MalformedIdStageProvider extends NeverUsed {
    public MalformedIdStageProvider() {
      super("Not An Id");
    }
  }

  /** One of two plugins that claim {@code duplicate}. */
  public static final class FirstDuplicateStageProvider extends NeverUsed {
    public FirstDuplicateStageProvider() {
      super("duplicate");
    }
  }

  /** The other plugin that claims {@code duplicate}. */
  public static final class SecondDuplicateStageProvider extends NeverUsed {
    public SecondDuplicateStageProvider() {
      super("duplicate");
    }
  }
}
