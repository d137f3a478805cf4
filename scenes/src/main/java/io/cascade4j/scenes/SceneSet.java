package io.cascade4j.scenes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A folder of generated scenes in the layout the evaluation, calibration and training commands read: PNG images,
 * {@code labels.csv} ({@code file,label}) and {@code scenes.jsonl} with each scene's seed, objects and conditions.
 *
 * <pre>
 * ./cascade4j scenes --out target/scenes --count 500 --seed 1
 * </pre>
 */
public final class SceneSet {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SceneSet() {}

  /** Scene {@code i} of a set made from {@code seed}: seeds are spread so that sets do not overlap by accident. */
  public static long seedOf(long seed, int i) {
    return seed * 1_000_003L + i;
  }

  /**
   * Writes {@code count} scenes of {@code generator} made from {@code seed} into {@code folder}; the labels alternate
   * so the set is balanced.
   *
   * @return the scenes written
   */
  public static List<Scene> write(Path folder, SceneGenerator generator, int count, long seed) throws IOException {
    Files.createDirectories(folder);
    List<Scene> scenes = new ArrayList<>();
    StringBuilder labels = new StringBuilder("file,label\n");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < count; i++) {
      Scene scene = generator.generate(seedOf(seed, i), i % 2 == 0);
      String file = String.format("scene-%05d.png", i);
      Files.write(folder.resolve(file), png(scene));
      labels.append(file).append(',').append(scene.label()).append('\n');
      jsonl.append(JSON.writeValueAsString(describe(file, scene))).append('\n');
      scenes.add(scene);
    }
    Files.writeString(folder.resolve("labels.csv"), labels, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("scenes.jsonl"), jsonl, StandardCharsets.UTF_8);
    return scenes;
  }

  /** The scene's description as {@code scenes.jsonl} holds it. */
  public static Map<String, Object> describe(String file, Scene scene) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("file", file);
    d.put("seed", scene.seed());
    d.put("label", scene.label());
    d.put("width", scene.image().getWidth());
    d.put("height", scene.image().getHeight());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Scene.DrawnObject o : scene.objects()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("role", o.role());
      m.put("roadwork", o.roadwork());
      m.put("box", o.box());
      if (!o.text().isEmpty()) {
        m.put("text", o.text());
      }
      objects.add(m);
    }
    d.put("objects", objects);
    d.put("conditions", scene.conditions());
    return d;
  }

  /** The scene as PNG bytes. */
  public static byte[] png(Scene scene) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(scene.image(), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
