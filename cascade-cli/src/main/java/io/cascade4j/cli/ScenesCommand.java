package io.cascade4j.cli;

import io.cascade4j.scenes.Scene;
import io.cascade4j.scenes.SceneGenerator;
import io.cascade4j.scenes.SceneSet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cascade4j scenes}: writes a labelled folder of generated street scenes ({@link SceneSet}). */
@Command(name = "scenes", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class, sortOptions = false,
    description = "Writes generated street scenes with labels.csv and scenes.jsonl.")
final class ScenesCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write.")
  Path out;

  @Option(names = "--count", defaultValue = "200", description = "Scenes to write (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the set (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--width", defaultValue = "640", description = "Width in pixels (default ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "480", description = "Height in pixels (default ${DEFAULT-VALUE}).")
  int height;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new CascadeCli.UsageException("--count must be at least 1");
    }
    SceneGenerator generator;
    try {
      generator = new SceneGenerator(width, height);
    } catch (IllegalArgumentException e) {
      throw new CascadeCli.UsageException(e.getMessage());
    }
    List<Scene> scenes = SceneSet.write(out, generator, count, seed);
    System.out.println("wrote " + scenes.size() + " scenes to " + out);
    return 0;
  }
}
