package io.cascade4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Both ways of embedding a cascade answer the bundled samples: cones in orange, an empty highway not. */
class EmbeddedCascadeExampleTest {
  private static EncodedImage sample(String name) throws Exception {
    try (InputStream in = EmbeddedCascadeExampleTest.class.getResourceAsStream("/sample-images/" + name)) {
      return EncodedImage.jpeg(in.readAllBytes());
    }
  }

  @Test
  void theBuiltAndTheYamlCascadesTellConesFromAnEmptyRoad() throws Exception {
    try (Cascade built = EmbeddedCascadeExample.build(); Cascade yaml = EmbeddedCascadeExample.fromYaml()) {
      for (Cascade cascade : new Cascade[] {built, yaml}) {
        Answer cones = cascade.evaluate(Query.of(sample("img_022.jpg")));
        Answer empty = cascade.evaluate(Query.of(sample("img_005.jpg")));
        assertThat(cones.probability()).as(cascade.name()).isGreaterThan(0.5);
        assertThat(empty.probability()).as(cascade.name()).isLessThan(0.5);
        assertThat(cones.trace()).isNotEmpty();
      }
      assertThat(built.name()).isEqualTo("embedded");
      assertThat(yaml.name()).isEqualTo("roadwork-demo");
      // The dark-image lambda stage abstains on daylight photos: it never decides.
      assertThat(built.evaluate(Query.of(sample("img_022.jpg"))).decider()).isNotEqualTo(java.util.Optional.of(
          "darkness"));
    }
  }
}
