package io.cascade4j.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneGeneratorTest {
  private final SceneGenerator generator = new SceneGenerator();

  @Test
  void theSameSeedDrawsTheSamePixelsAndOtherSeedsDoNot() {
    Scene a = generator.generate(42);
    Scene b = generator.generate(42);
    assertThat(pixels(a.image())).isEqualTo(pixels(b.image()));
    assertThat(a.label()).isEqualTo(b.label());
    assertThat(pixels(generator.generate(43).image())).isNotEqualTo(pixels(a.image()));
  }

  @Test
  void labelsFollowTheObjectsDrawn() {
    Set<String> roadworkRoles = new HashSet<>();
    Set<String> distractors = new HashSet<>();
    int labelled = 0;
    for (long seed = 0; seed < 200; seed++) {
      Scene scene = generator.generate(seed);
      labelled += scene.label();
      boolean hasRoadwork = scene.objects().stream().anyMatch(Scene.DrawnObject::roadwork);
      assertThat(hasRoadwork).as("seed " + seed).isEqualTo(scene.label() == 1);
      for (Scene.DrawnObject o : scene.objects()) {
        (o.roadwork() ? roadworkRoles : distractors).add(o.role());
        int[] box = o.box();
        assertThat(box[2]).as("box " + o.role()).isGreaterThan(box[0]);
        assertThat(box[3]).isGreaterThan(box[1]);
        assertThat(box[3]).isLessThanOrEqualTo(scene.image().getHeight() + 1);
      }
    }
    assertThat(labelled).isBetween(70, 130); // about half
    assertThat(roadworkRoles).containsExactlyInAnyOrder("cone", "barrier", "worker", "sign", "machinery");
    assertThat(distractors).contains("car", "pedestrian", "other-sign", "end-sign", "cone-stack");
  }

  @Test
  void conditionsVary() {
    Set<String> light = new HashSet<>();
    Set<String> weather = new HashSet<>();
    int blurred = 0;
    int noisy = 0;
    for (long seed = 0; seed < 100; seed++) {
      Scene.Conditions c = generator.generate(seed).conditions();
      light.add(c.light());
      weather.add(c.weather());
      blurred += c.blur() > 0 ? 1 : 0;
      noisy += c.noise() > 3 ? 1 : 0; // every scene has sensor grain; about a third are noisy
    }
    assertThat(light).containsExactlyInAnyOrder("day", "overcast", "dusk");
    assertThat(weather).containsExactlyInAnyOrder("clear", "rain", "fog");
    assertThat(blurred).isBetween(5, 50);
    assertThat(noisy).isBetween(10, 60);
  }

  @Test
  void aSetIsWrittenWithLabelsAndDescriptions(@TempDir Path dir) throws Exception {
    List<Scene> scenes = SceneSet.write(dir, new SceneGenerator(320, 240), 6, 9);
    List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
    assertThat(labels).hasSize(7).first().isEqualTo("file,label");
    assertThat(labels.get(1)).isEqualTo("scene-00000.png,1");
    assertThat(labels.get(2)).isEqualTo("scene-00001.png,0");
    List<String> lines = Files.readAllLines(dir.resolve("scenes.jsonl"));
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.path("seed").asLong()).isEqualTo(SceneSet.seedOf(9, 0));
    assertThat(first.path("objects").size()).isEqualTo(scenes.get(0).objects().size());
    assertThat(first.path("conditions").path("light").asText()).isNotEmpty();
    BufferedImage back = javax.imageio.ImageIO.read(dir.resolve("scene-00000.png").toFile());
    assertThat(pixels(back)).isEqualTo(pixels(new SceneGenerator(320, 240).generate(SceneSet.seedOf(9, 0), true)
        .image()));
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
