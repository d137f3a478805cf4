package io.cascade4j.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders of plugin jars: every {@code *.jar} directly inside a folder joins one class loader, through which the
 * {@link ProviderRegistry} discovers providers as it does on the class path. This is how a plugin is used without
 * rebuilding anything: {@code --plugins DIR} on the command line, {@code plugins:} in a miner or cascade file.
 *
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.discover().withPlugins(List.of(Path.of("plugins")));
 * }</pre>
 *
 * <p>A class loader is made once per set of jars (by path, size and modification time) and kept for the life of the
 * process, so reloading a cascade that names the same folder neither leaks loaders nor loads a class twice.
 */
public final class PluginFolders {
  private static final Logger log = LoggerFactory.getLogger(PluginFolders.class);
  private static final Map<List<String>, ClassLoader> LOADERS = new ConcurrentHashMap<>();

  private PluginFolders() {}

  /**
   * A class loader over every jar in {@code folders}, delegating to {@code parent} first.
   *
   * @throws NoSuchFileException if a folder does not exist
   * @throws IOException if a folder cannot be listed
   */
  public static ClassLoader classLoader(List<Path> folders, ClassLoader parent) throws IOException {
    List<Path> jars = jars(folders);
    if (jars.isEmpty()) {
      return parent;
    }
    List<String> key = new ArrayList<>();
    key.add(Integer.toHexString(System.identityHashCode(parent)));
    for (Path jar : jars) {
      key.add(jar + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
    }
    try {
      return LOADERS.computeIfAbsent(List.copyOf(key), k -> {
        log.info("plugins: {}", jars);
        return new URLClassLoader("cascade4j-plugins", urls(jars), parent);
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The jars directly inside the folders, sorted by name within each folder. */
  static List<Path> jars(List<Path> folders) throws IOException {
    List<Path> jars = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        throw new NoSuchFileException(folder.toString(), null, "not a folder of plugin jars");
      }
      try (Stream<Path> files = Files.list(folder)) {
        files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted()
            .map(f -> f.toAbsolutePath().normalize()).forEach(jars::add);
      }
    }
    return jars;
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    return urls;
  }
}
