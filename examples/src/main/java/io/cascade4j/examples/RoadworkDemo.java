package io.cascade4j.examples;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The main job until the demo issue lands: runs the example cascade ({@code roadwork-demo.yaml}) over a folder of
 * street photos and prints, per image, P(roadwork), the stage that decided and the time taken, then how often each
 * stage decided.
 *
 * <pre>
 * ./cascade4j demo                      # ../shared/data/real-roads if present, else the bundled samples
 * ./cascade4j demo path/to/photos       # any folder of JPEG/PNG files (labels.csv with file,label is optional)
 * ./cascade4j demo photos my.yaml       # your own cascade file
 * </pre>
 */
public final class RoadworkDemo {
  private RoadworkDemo() {}

  /** Runs the demo; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path folder = args.length > 0 ? Path.of(args[0]) : Path.of("..", "shared", "data", "real-roads");
    Path config = args.length > 1 ? Path.of(args[1]) : null;
    try {
      run(folder, config, System.out);
    } catch (ConfigurationException e) {
      System.err.println("The cascade file has problems:\n" + e.getMessage());
      System.exit(2);
    }
  }

  /** One labelled (or unlabelled: label -1) image. */
  record Item(String name, EncodedImage image, int label) {}

  static void run(Path folder, Path config, PrintStream out) throws IOException, ConfigurationException {
    List<Item> items = Files.isDirectory(folder) ? readFolder(folder) : bundledSamples();
    out.printf(Locale.ROOT, "%d images from %s%n", items.size(),
        Files.isDirectory(folder) ? folder.toAbsolutePath().normalize() : "the bundled samples (no folder " + folder + ")");
    ProviderRegistry registry = ProviderRegistry.discover();
    try (Cascade cascade = config == null ? bundled(registry) : Cascades.load(config, registry)) {
      Map<String, Integer> decided = new TreeMap<>();
      int correct = 0;
      int labelled = 0;
      out.printf("%-14s %6s %5s  %-12s %8s%n", "image", "P", "label", "decided by", "ms");
      for (Item item : items) {
        Answer answer = cascade.evaluate(Query.builder(item.image()).id(item.name()).build());
        String decider = answer.decider().orElse("fallback");
        decided.merge(decider, 1, Integer::sum);
        if (item.label() >= 0) {
          labelled++;
          correct += (answer.probability() > 0.5 ? 1 : 0) == item.label() ? 1 : 0;
        }
        out.printf(Locale.ROOT, "%-14s %6.3f %5s  %-12s %8.1f%n", item.name(), answer.probability(),
            item.label() < 0 ? "-" : Integer.toString(item.label()), decider, answer.latency().toNanos() / 1e6);
      }
      out.println("decided by: " + decided);
      if (labelled > 0) {
        out.printf(Locale.ROOT,
            "agreement with labels: %d/%d (a colour cue on a handful of photos: a smoke test, not an accuracy claim)%n",
            correct, labelled);
      }
    }
  }

  private static Cascade bundled(ProviderRegistry registry) throws IOException, ConfigurationException {
    try (InputStream in = RoadworkDemo.class.getResourceAsStream("/roadwork-demo.yaml")) {
      if (in == null) {
        throw new IOException("roadwork-demo.yaml is missing from the class path");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Cascades.create(
          new CascadeConfigLoader().parse(yaml, CascadeConfigLoader.Format.YAML, "roadwork-demo"), registry);
    }
  }

  static List<Item> readFolder(Path folder) throws IOException {
    Path csv = folder.resolve("labels.csv");
    Map<String, Integer> labels = Files.exists(csv) ? labels(Files.readAllLines(csv, StandardCharsets.UTF_8)) : Map.of();
    List<Item> items = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        mediaType(name).ifPresent(type -> items.add(new Item(name, EncodedImage.of(type, read(file)),
            labels.getOrDefault(name, -1))));
      }
    }
    return items;
  }

  static List<Item> bundledSamples() throws IOException {
    Map<String, Integer> labels = labels(List.of(resource("labels.csv").split("\n")));
    List<Item> items = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : new TreeMap<>(labels).entrySet()) {
      byte[] bytes = resourceBytes(entry.getKey());
      items.add(new Item(entry.getKey(), EncodedImage.jpeg(bytes), entry.getValue()));
    }
    return items;
  }

  /** {@code file,label} lines (a header and other columns allowed) to labels; lines without a 0/1 label are skipped. */
  static Map<String, Integer> labels(List<String> lines) {
    Map<String, Integer> labels = new HashMap<>();
    for (String line : lines) {
      String[] cells = line.strip().split(",", 3);
      if (cells.length >= 2 && (cells[1].equals("0") || cells[1].equals("1"))) {
        labels.put(cells[0], Integer.parseInt(cells[1]));
      }
    }
    return labels;
  }

  private static java.util.Optional<String> mediaType(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return java.util.Optional.of("image/png");
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return java.util.Optional.of("image/jpeg");
    }
    return java.util.Optional.empty();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String resource(String name) throws IOException {
    return new String(resourceBytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] resourceBytes(String name) throws IOException {
    try (InputStream in = RoadworkDemo.class.getResourceAsStream("/sample-images/" + name)) {
      if (in == null) {
        throw new IOException("sample-images/" + name + " is missing from the class path");
      }
      return in.readAllBytes();
    }
  }
}
