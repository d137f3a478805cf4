package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.miner.validator.Augmentation;
import io.cascade4j.scenes.SceneGenerator;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-head --augment's folder: the originals untouched, N legacy-style 224x224 copies each, labels and sources kept. */
class AugmentedCopiesTest {
  @Test
  void keepsEveryImageAndAddsSeededChallengeCopiesWithTheirLabelAndSource(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectory(dir.resolve("in"));
    SceneGenerator scenes = new SceneGenerator(640, 360);
    byte[] first = Augmentation.jpeg(scenes.generate(1, true).image());
    byte[] second = Augmentation.jpeg(scenes.generate(2, false).image());
    Files.write(folder.resolve("a.jpg"), first);
    Files.write(folder.resolve("b.jpg"), second);
    Files.writeString(folder.resolve("labels.csv"), "file,label,source_repo\na.jpg,1,\"dash, cam\"\nb.jpg,0,potholes\n");

    List<LabelledImages.Item> out = LabelledImages.read(AugmentedCopies.write(folder, 2, dir.resolve("out1")));
    assertThat(out).hasSize(6);
    assertThat(out.stream().filter(i -> i.label() == 1).map(LabelledImages.Item::source).distinct())
        .containsExactly("dash, cam");
    assertThat(out.stream().filter(i -> i.label() == 0).map(LabelledImages.Item::source).distinct())
        .containsExactly("potholes");
    assertThat(out.get(0).image().toByteArray()).isEqualTo(first);
    for (LabelledImages.Item copy : out.stream().filter(i -> i.name().contains("-224-")).toList()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(copy.image().toByteArray()));
      assertThat(image.getWidth()).isEqualTo(224);
      assertThat(image.getHeight()).isEqualTo(224);
    }
    assertThat(out.get(1).image()).isNotEqualTo(out.get(2).image());

    // The same folder gives the same bytes (an embedding cache keyed by content keeps hitting).
    List<LabelledImages.Item> again = LabelledImages.read(AugmentedCopies.write(folder, 2, dir.resolve("out2")));
    for (int i = 0; i < out.size(); i++) {
      assertThat(again.get(i).image()).isEqualTo(out.get(i).image());
    }
  }

  @Test
  void saysWhichImageItCannotDecode(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectory(dir.resolve("in"));
    Files.write(folder.resolve("bad.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
    Files.writeString(folder.resolve("labels.csv"), "file,label\nbad.jpg,1\n");
    assertThatThrownBy(() -> AugmentedCopies.write(folder, 1, dir.resolve("out")))
        .hasMessageContaining("bad.jpg");
  }
}
