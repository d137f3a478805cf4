package io.cascade4j.vision.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where scripts/conformance/prepare.sh (run by {@code ./cascade4j test}) leaves the suite's exports and goldens:
 * target/conformance. Without them the suite skips, and fails under CI=true.
 */
final class ConformanceSuite {
  static final Path DIR = Path.of("..", "target", "conformance");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConformanceSuite() {}

  /** The golden file at {@code relative} under target/conformance. */
  static JsonNode golden(String relative) throws IOException {
    Path file = DIR.resolve(relative);
    if (!Files.isRegularFile(file)) {
      boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
      Assumptions.assumeFalse(!ci, "target/conformance is not made (scripts/conformance/prepare.sh)");
      throw new IllegalStateException("CI=true but target/conformance/" + relative + " is missing: "
          + "scripts/conformance/prepare.sh did not run or failed");
    }
    return JSON.readTree(file.toFile());
  }
}
