package io.cascade4j.core.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.api.EncodedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A labelled image set: a folder with {@code labels.csv} ({@code file,label}, a header allowed, more columns
 * ignored), or {@code labels.jsonl} ({@code {"file": ..., "label": 0|1}} per line), or subfolders {@code 0/} and
 * {@code 1/}. Every problem (a missing or unreadable file, a label other than 0 or 1) is reported with its line.
 */
public final class LabelledImages {
  /**
   * One image, its label, and where it came from.
   *
   * @param name the file, relative to the folder
   * @param image its bytes
   * @param label 1 for the positive class, 0 otherwise
   * @param source the data source it came from (labels.csv's {@code source} or {@code source_repo} column, or
   *     labels.jsonl's {@code source}); empty when the labels do not say, which reports treat as one source
   */
  public record Item(String name, EncodedImage image, int label, String source) {
    /** An item without a source. */
    public Item(String name, EncodedImage image, int label) {
      this(name, image, label, "");
    }
  }

  private LabelledImages() {}

  /**
   * Reads {@code folder}.
   *
   * @throws IOException naming every problem found
   */
  public static List<Item> read(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException(folder + " is not a folder of labelled images");
    }
    List<String> problems = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    Path csv = folder.resolve("labels.csv");
    Path jsonl = folder.resolve("labels.jsonl");
    if (Files.exists(csv)) {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      int sourceColumn = -1;
      for (int i = 0; i < lines.size(); i++) {
        List<String> cells = csvCells(lines.get(i).strip());
        if (lines.get(i).isBlank()) {
          continue;
        }
        if (i == 0 && cells.size() >= 2 && cells.get(1).strip().equalsIgnoreCase("label")) {
          sourceColumn = cells.indexOf("source") >= 0 ? cells.indexOf("source") : cells.indexOf("source_repo");
          continue;
        }
        String source = sourceColumn >= 0 && sourceColumn < cells.size() ? cells.get(sourceColumn).strip() : "";
        add(folder, cells.get(0).strip(), cells.size() < 2 ? "" : cells.get(1).strip(), source,
            "labels.csv line " + (i + 1), items, problems);
      }
    } else if (Files.exists(jsonl)) {
      ObjectMapper json = new ObjectMapper();
      List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        String where = "labels.jsonl line " + (i + 1);
        try {
          JsonNode node = json.readTree(lines.get(i));
          add(folder, node.path("file").asText(""), node.path("label").asText(""), node.path("source").asText(""),
              where, items, problems);
        } catch (IOException e) {
          problems.add(where + ": not JSON");
        }
      }
    } else if (Files.isDirectory(folder.resolve("0")) || Files.isDirectory(folder.resolve("1"))) {
      for (String label : new String[] {"0", "1"}) {
        Path sub = folder.resolve(label);
        if (Files.isDirectory(sub)) {
          try (Stream<Path> files = Files.list(sub)) {
            for (Path file : files.sorted().filter(f -> mediaType(f) != null).toList()) {
              add(folder, label + "/" + file.getFileName(), label, "", file.toString(), items, problems);
            }
          }
        }
      }
    } else {
      throw new IOException(folder + " has no labels.csv, labels.jsonl, nor 0/ and 1/ subfolders");
    }
    if (!problems.isEmpty()) {
      throw new IOException(problems.size() + " problem(s) in " + folder + ":\n  " + String.join("\n  ", problems));
    }
    if (items.isEmpty()) {
      throw new IOException(folder + " lists no images");
    }
    return List.copyOf(items);
  }

  /** The cells of one CSV line: commas inside double quotes stay in the cell, {@code ""} is a quote. */
  static List<String> csvCells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private static void add(Path folder, String name, String label, String source, String where, List<Item> items,
      List<String> problems) {
    if (!label.equals("0") && !label.equals("1")) {
      problems.add(where + ": label '" + label + "' is not 0 or 1");
      return;
    }
    Path file = folder.resolve(name).normalize();
    String type = mediaType(file);
    if (name.isEmpty() || !file.startsWith(folder.normalize()) || type == null) {
      problems.add(where + ": '" + name + "' is not a .jpg, .jpeg or .png file in the folder");
      return;
    }
    try {
      items.add(new Item(name, EncodedImage.of(type, Files.readAllBytes(file)), Integer.parseInt(label), source));
    } catch (IOException e) {
      problems.add(where + ": cannot read " + name + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static @org.jspecify.annotations.Nullable String mediaType(Path file) {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg" : null;
  }
}
