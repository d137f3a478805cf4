package io.cascade4j.core;

import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;

/** Plugins that misbehave, for discovery tests. Listed only in service files that the tests write to temp folders. */
final class TestPlugins {
  private TestPlugins() {}

  /** Its constructor throws, as a plugin with a missing native library would. */
  public static final class ExplodingStageProvider implements StageProvider {
    public ExplodingStageProvider() {
      throw new IllegalStateException("native library not found");
    }

    @Override
    public String type() {
      return "exploding";
    }

    @Override
    public Stage create(Settings settings) {
      throw new AssertionError("never created");
    }
  }

  /** Its type id is not one. */
  public static final class MalformedIdStageProvider implements StageProvider {
    @Override
    public String type() {
      return "Not An Id";
    }

    @Override
    public Stage create(Settings settings) {
      throw new AssertionError("never created");
    }
  }

  /** One of two plugins that claim {@code duplicate}. */
  public static final class FirstDuplicateStageProvider implements StageProvider {
    @Override
    public String type() {
      return "duplicate";
    }

    @Override
    public Stage create(Settings settings) {
      throw new AssertionError("never created");
    }
  }

  /** The other plugin that claims {@code duplicate}. */
  public static final class SecondDuplicateStageProvider implements StageProvider {
    @Override
    public String type() {
      return "duplicate";
    }

    @Override
    public Stage create(Settings settings) {
      throw new AssertionError("never created");
    }
  }
}
