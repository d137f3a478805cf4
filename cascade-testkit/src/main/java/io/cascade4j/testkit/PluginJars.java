package io.cascade4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real plugin jars for tests of plugin loading: a stage provider compiled from source at test time against the class
 * path of the running test, packed with its {@code META-INF/services} entry, so the jar is on no class path until
 * the code under test loads it from a folder.
 *
 * <pre>{@code
 * Path plugins = PluginJars.constantStage(dir.resolve("plugins"), "always-seventy", 0.7);
 * // cascade file:  plugins: plugins   stages: [{name: s, type: always-seventy, exit: always}]
 * }</pre>
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Writes {@code folder/TYPE.jar} with a stage provider of type {@code type} whose stage always answers
   * {@code probability}; returns the folder.
   *
   * @throws IllegalStateException if no Java compiler is available (a JRE rather than a JDK)
   */
  public static Path constantStage(Path folder, String type, double probability) {
    if (!type.matches("[a-z][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException("not a type id: " + type);
    }
    String className = "Plugin" + type.replace("-", "_");
    String source = """
        package testplugin;

        public final class %1$s implements io.cascade4j.api.StageProvider {
          @Override
          public String type() {
            return "%2$s";
          }

          @Override
          public io.cascade4j.api.Stage create(io.cascade4j.api.Settings settings)
              throws io.cascade4j.api.ConfigurationException {
            settings.validate();
            return context -> io.cascade4j.api.Evidence.of(%3$s);
          }
        }
        """.formatted(className, type, String.format(Locale.ROOT, "%.17g", probability));
    try {
      Path work = Files.createTempDirectory("plugin-src");
      Path src = Files.createDirectories(work.resolve("src/testplugin")).resolve(className + ".java");
      Files.writeString(src, source);
      Path classes = Files.createDirectories(work.resolve("classes"));
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      if (compiler == null) {
        throw new IllegalStateException("no Java compiler: run the tests on a JDK");
      }
      int status = compiler.run(null, null, null, "-d", classes.toString(), "-cp",
          System.getProperty("java.class.path"), "--release", "21", "-proc:none", src.toString());
      if (status != 0) {
        throw new IllegalStateException("the test plugin did not compile (status " + status + ")");
      }
      Files.createDirectories(folder);
      Path jar = folder.resolve(type + ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry("META-INF/services/io.cascade4j.api.StageProvider"));
        out.write(("testplugin." + className + "\n").getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, out);
          }
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
