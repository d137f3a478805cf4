package io.cascade4j.vision.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Refuses, before DJL's PyTorch engine starts, a libtorch that the JNI bridge DJL would load was not built for. DJL
 * 0.36's bundled JNI is built for libtorch {@value #BUNDLED}; pointed at another libtorch ({@code
 * PYTORCH_LIBRARY_PATH}, a pip-installed torch for CUDA, say) it loads, starts, and then crashes the JVM with a
 * SIGSEGV at the first model load. A JNI built for that libtorch ({@code 0.36.0-libdjl_torch.so} beside it, or in
 * DJL's cache folder for that version and flavour) is what DJL then loads, and this check finds it first.
 */
public final class LibtorchCheck {
  /** The libtorch release the JNI in {@code ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0} is built for. */
  public static final String BUNDLED = "2.7.1";
  static final String JNI = "0.36.0-libdjl_torch.so";
  private static final Pattern VERSION = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]");

  private LibtorchCheck() {}

  /**
   * What DJL will load, described for the log, or a refusal naming the libtorch, the JNI it needs and where to put it.
   *
   * @param lookup environment variables and system properties as DJL reads them (property first)
   * @throws IOException when a libtorch other than {@value #BUNDLED} is configured without a JNI built for it
   */
  public static String check(Function<String, @Nullable String> lookup) throws IOException {
    String libraryPath = lookup.apply("PYTORCH_LIBRARY_PATH");
    if (libraryPath == null || libraryPath.isBlank()) {
      return "libtorch " + BUNDLED + " from DJL's native jars or cache, with the bundled JNI";
    }
    Path lib = Path.of(libraryPath);
    if (!Files.isRegularFile(lib.resolve("libtorch.so")) && !Files.isRegularFile(lib.resolve("libtorch_cpu.so"))) {
      throw new IOException("PYTORCH_LIBRARY_PATH is " + lib + ", which holds no libtorch.so or libtorch_cpu.so");
    }
    String declared = lookup.apply("PYTORCH_VERSION");
    String found = versionOf(lib);
    if (declared != null && found != null && !base(found).equals(base(declared))) {
      throw new IOException("PYTORCH_VERSION says " + declared + " but the libtorch at " + lib + " is " + found);
    }
    String version = declared != null ? declared : found;
    if (version == null) {
      throw new IOException("cannot tell the version of the libtorch at " + lib + ": set PYTORCH_VERSION (and"
          + " PYTORCH_FLAVOR, such as cpu or cu128)");
    }
    String flavor = lookup.apply("PYTORCH_FLAVOR");
    if (flavor == null) {
      flavor = version.contains("+") ? version.substring(version.indexOf('+') + 1) : "cpu";
    }
    String described = "libtorch " + version + " (" + flavor + ") from " + lib;
    if (base(version).equals(BUNDLED)) {
      return described + ", with the bundled JNI";
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(lib.resolve(JNI));
    String cache = lookup.apply("DJL_CACHE_DIR");
    Path cacheDir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home", "."), ".djl.ai");
    candidates.add(cacheDir.resolve("pytorch").resolve(base(version) + "-" + flavor.toLowerCase(Locale.ROOT)
        + "-linux-x86_64").resolve(JNI));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return described + ", with the JNI at " + candidate;
      }
    }
    throw new IOException(described + " needs a DJL JNI built for it; the bundled one is for libtorch " + BUNDLED
        + " and would crash the JVM at the first model load. Build " + JNI + " from DJL 0.36's sources against this"
        + " libtorch and put it at " + candidates.get(0) + " or " + candidates.get(1) + " (docs/gpu.md), or use"
        + " libtorch " + BUNDLED + " (pip install torch==" + BUNDLED + ")");
  }

  /** The version a pip-installed torch states beside its lib folder ({@code torch/version.py}). */
  static @Nullable String versionOf(Path lib) throws IOException {
    Path versionFile = lib.toAbsolutePath().getParent() == null ? null
        : lib.toAbsolutePath().getParent().resolve("version.py");
    if (versionFile == null || !Files.isRegularFile(versionFile)) {
      return null;
    }
    Matcher m = VERSION.matcher(Files.readString(versionFile));
    return m.find() ? m.group(1) : null;
  }

  private static String base(String version) {
    int plus = version.indexOf('+');
    return (plus < 0 ? version : version.substring(0, plus)).strip();
  }
}
