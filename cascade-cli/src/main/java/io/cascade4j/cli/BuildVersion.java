package io.cascade4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the version and commit this build was made from, and the Java running it. */
final class BuildVersion implements CommandLine.IVersionProvider {
  /** The project version the build wrote into {@code build.properties}. */
  static String version() {
    return build().getProperty("version", "unknown (built without Maven's resource filtering)");
  }

  /** The commit the build was made from. */
  static String commit() {
    String commit = build().getProperty("commit", "unknown");
    return commit.startsWith("${") ? "unknown (not built from a git checkout)" : commit;
  }

  private static Properties build() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // A jar that cannot read its own resource says "unknown".
    }
    return properties;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "cascade4j " + version() + " (commit " + commit() + ")",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
