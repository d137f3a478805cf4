package io.cascade4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the version this build was made with, and the Java running it. */
final class BuildVersion implements CommandLine.IVersionProvider {
  /** The project version the build wrote into {@code build.properties}. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // A jar that cannot read its own resource says so below.
    }
    return properties.getProperty("version", "unknown (built without Maven's resource filtering)");
  }

  /** The commit the build was made from, "unknown" outside a git checkout. */
  static String commit() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Said below.
    }
    return properties.getProperty("commit", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "cascade4j " + version() + " (commit " + commit() + ")",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
