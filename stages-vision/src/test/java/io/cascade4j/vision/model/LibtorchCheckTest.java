package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A libtorch without a JNI built for it is refused with what to do, instead of crashing the JVM at load. */
class LibtorchCheckTest {
  /** A pip-style torch folder: lib/libtorch.so and version.py beside lib. */
  private static Path torch(Path dir, String version) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("torch/lib"));
    Files.writeString(lib.resolve("libtorch.so"), "not really a library");
    Files.writeString(dir.resolve("torch/version.py"), "__version__ = '" + version + "'\ndebug = False\n");
    return lib;
  }

  @Test
  void theBundledPairNeedsNothing() throws Exception {
    assertThat(LibtorchCheck.check(name -> null)).contains("libtorch 2.7.1").contains("bundled JNI");
  }

  @Test
  void aNewerLibtorchWithoutItsJniIsRefusedNamingBothPlaces(@TempDir Path dir) throws Exception {
    Path lib = torch(dir, "2.11.0+cu130");
    Map<String, String> env = new HashMap<>(Map.of("PYTORCH_LIBRARY_PATH", lib.toString(),
        "DJL_CACHE_DIR", dir.resolve("cache").toString()));
    assertThatThrownBy(() -> LibtorchCheck.check(env::get)).isInstanceOf(IOException.class)
        .hasMessageContaining("libtorch 2.11.0+cu130 (cu130)").hasMessageContaining("would crash the JVM")
        .hasMessageContaining(lib.resolve("0.36.0-libdjl_torch.so").toString())
        .hasMessageContaining(dir.resolve("cache/pytorch/2.11.0-cu130-linux-x86_64/0.36.0-libdjl_torch.so")
            .toString());
    // A JNI built for it, in DJL's cache folder for that version and flavour: accepted, and said where.
    Path jni = Files.createDirectories(dir.resolve("cache/pytorch/2.11.0-cu130-linux-x86_64"))
        .resolve("0.36.0-libdjl_torch.so");
    Files.writeString(jni, "jni");
    assertThat(LibtorchCheck.check(env::get)).contains("with the JNI at " + jni);
  }

  @Test
  void theVersionPyAndTheDeclaredVersionMustAgree(@TempDir Path dir) throws Exception {
    Path lib = torch(dir, "2.7.1+cu128");
    assertThat(LibtorchCheck.check(Map.of("PYTORCH_LIBRARY_PATH", lib.toString())::get))
        .contains("2.7.1+cu128 (cu128)").contains("bundled JNI");
    assertThatThrownBy(() -> LibtorchCheck.check(Map.of("PYTORCH_LIBRARY_PATH", lib.toString(),
        "PYTORCH_VERSION", "2.5.1")::get)).hasMessageContaining("PYTORCH_VERSION says 2.5.1");
    assertThatThrownBy(() -> LibtorchCheck.check(Map.of("PYTORCH_LIBRARY_PATH", dir.toString())::get))
        .hasMessageContaining("holds no libtorch.so");
  }
}
