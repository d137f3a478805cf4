package com.example.roadwork;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.Fallback;
import io.cascade4j.core.Isolation;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.StageSpec;
import io.cascade4j.core.ensemble.Ensembles;
import io.cascade4j.core.policy.ExitPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README as a user reads it, run: its install section is this project's dependency section, its YAML tour loads
 * and answers, its Java snippets compile and run here (the regions between {@code README:} markers below are compared
 * with the README line by line), and its plugin is {@link BrightnessStageProvider}, the file as it stands.
 */
class ReadmeTest {
  private static final Path CHECKOUT = Path.of("..", "..").toAbsolutePath().normalize();
  private static final Path README = CHECKOUT.resolve("README.md");
  private static final Path SELF = Path.of("src/test/java/com/example/roadwork/ReadmeTest.java");

  /** The body of the README's first code block of {@code language} after {@code heading}. */
  private static String block(String heading, String language) throws Exception {
    String readme = Files.readString(README);
    int at = readme.indexOf(heading);
    assertThat(at).as("README heading " + heading).isNotNegative();
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find(at)).as("a " + language + " block after " + heading).isTrue();
    return m.group(1);
  }

  /** The lines between {@code // README: name} and {@code // end} in this file, without their indentation. */
  private static List<String> region(String name) throws Exception {
    List<String> lines = Files.readAllLines(SELF);
    int start = lines.indexOf(lines.stream().filter(l -> l.trim().equals("// README: " + name)).findFirst()
        .orElseThrow());
    List<String> out = new ArrayList<>();
    int indent = -1;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.trim().equals("// end")) {
        return out;
      }
      if (indent < 0) {
        indent = line.length() - line.stripLeading().length();
      }
      out.add(line.length() >= indent ? line.substring(indent) : line.strip());
    }
    throw new IllegalStateException("no end of region " + name);
  }

  private static List<String> lines(String block) {
    return Arrays.stream(block.split("\n")).toList();
  }

  @Test
  void theYamlTourLoadsAndAnswersAndTheJavaAroundItRuns(@TempDir Path dir) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    // Small models of the kinds the tour names, from the project's own fixtures (scripts/fixtures/*.py).
    Files.copy(CHECKOUT.resolve("stages-vision/src/test/resources/models/tiny-classifier.pt"),
        models.resolve("gate.pt"));
    Files.copy(CHECKOUT.resolve("stages-detection/src/test/resources/models/tiny-yolo.pt"),
        models.resolve("yolo11s.torchscript"));
    Files.copy(CHECKOUT.resolve("stages-detection/src/test/resources/models/tiny-detr.onnx"),
        models.resolve("rtdetr.onnx"));
    // The tour's relative model paths are relative to the working directory; here, the test's folder.
    // The tiny detectors were exported at 128 x 128 and cannot run the 640 x 640 that yolo11s and RT-DETR take (the
    // warm-up at load says so), so their input size is the one change to the tour besides where the models are.
    String yaml = block("### Describe a cascade in YAML", "yaml").replace("model: models/", "model: " + models + "/")
        .replace("yolo11s.torchscript,", "yolo11s.torchscript, input-size: 128,")
        .replace("rtdetr.onnx,", "rtdetr.onnx, input-size: 128,");
    Path file = Files.writeString(dir.resolve("roadwork.yaml"), yaml);
    byte[] bytes = Files.readAllBytes(CHECKOUT.resolve("examples/src/main/resources/sample-images/img_022.jpg"));

    Answer[] seen = new Answer[1];
    // README: load
    ProviderRegistry registry = ProviderRegistry.discover();    // every plugin on the class path
    try (Cascade cascade = Cascades.load(file, registry)) {    // file: Path.of("roadwork.yaml")
      Answer answer = cascade.evaluate(Query.of(EncodedImage.jpeg(bytes)));
      double p = answer.probability();               // always finite, within [0, 1]
      Optional<String> decider = answer.decider();   // Optional[gate], say
      List<StageOutcome> trace = answer.trace();     // every stage: status, evidence, latency
      // end
      assertThat(p).isBetween(0.0, 1.0);
      assertThat(decider.isPresent()).isEqualTo(answer.resolution() != Answer.Resolution.FALLBACK);
      assertThat(trace).extracting(StageOutcome::stage).contains("gate");
      // Warm now (a first call may pass the gate's 300 ms limit): the gate answers, and every step has its say.
      seen[0] = cascade.evaluate(Query.of(EncodedImage.jpeg(bytes)));
      assertThat(seen[0].outcome("gate").orElseThrow().status()).isEqualTo(io.cascade4j.api.StageStatus.OK);
    }
    assertThat(seen[0].probability()).isBetween(0.0, 1.0);
    String readme = block("### Describe a cascade in YAML", "java");
    assertThat(lines(readme)).containsExactlyElementsOf(withClosingBrace(region("load")));
  }

  private static List<String> withClosingBrace(List<String> region) {
    List<String> out = new ArrayList<>(region);
    out.add("}");
    return out;
  }

  @Test
  void theEmbeddedCascadeBuildsAndAnswers() throws Exception {
    Stage gate = context -> Evidence.of(0.5);
    Stage yolo = context -> Evidence.of(0.9);
    Stage detr = context -> Evidence.of(0.8);
    Stage judge = context -> Evidence.of(0.7);
    // README: builder
    Cascade cascade = Cascades.builder("roadwork")
        .deadline(Duration.ofSeconds(8))
        .fallback(Fallback.fixed(0.5))
        .stage(StageSpec.of("gate", gate).withIsolation(Isolation.INLINE), ExitPolicies.band(0.05, 0.95))
        .parallel("detectors", List.of(StageSpec.of("yolo", yolo), StageSpec.of("detr", detr)),
            Ensembles.weightedMean(Map.of("yolo", 0.45, "detr", 0.55)), ExitPolicies.agreement(0.2, 2))
        .stage(StageSpec.of("judge", judge).withTimeout(Duration.ofSeconds(5)), ExitPolicies.always())
        .build();
    // end
    try (cascade) {
      Answer answer = cascade.evaluate(Query.of(EncodedImage.jpeg(new byte[] {1, 2, 3})));
      assertThat(answer.decider()).contains("detectors");
      assertThat(answer.probability()).isBetween(0.8, 0.9);
    }
    assertThat(lines(block("### Embed a cascade in code", "java"))).containsExactlyElementsOf(region("builder"));
  }

  @Test
  void thePluginInTheReadmeIsThisProjectsPluginFile() throws Exception {
    String source = Files.readString(Path.of("src/main/java/com/example/roadwork/BrightnessStageProvider.java"));
    assertThat(block("### Write a stage plugin", "java")).isEqualTo(source);
    String kitTest = Files.readString(Path.of("src/test/java/com/example/roadwork/BrightnessStageProviderTest.java"));
    assertThat(kitTest).contains(block("Its test extends the compatibility kit", "java"));
    assertThat(ProviderRegistry.discover().stageTypes()).contains("brightness");
  }

  @Test
  void theInstallSectionIsThisProjectsDependencySection() throws Exception {
    String snippet = "<project>" + block("### In a JVM service (Maven)", "xml") + "</project>";
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    Document readme = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(snippet.getBytes()));
    Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    assertThat(coordinates(readme)).isEqualTo(coordinates(pom));
  }

  /** groupId:artifactId:version:classifier:scope of every non-test dependency, versions of ours left out. */
  private static List<String> coordinates(Document document) {
    NodeList nodes = document.getElementsByTagName("dependency");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      String scope = text(e, "scope");
      if (scope.equals("test")) {
        continue;
      }
      String group = text(e, "groupId");
      String version = group.equals("io.cascade4j") ? "" : text(e, "version");
      out.add(String.join(":", group, text(e, "artifactId"), version, text(e, "classifier"), scope, text(e, "type")));
    }
    return out;
  }

  private static String text(Element e, String tag) {
    NodeList list = e.getElementsByTagName(tag);
    return list.getLength() == 0 ? "" : list.item(0).getTextContent().trim();
  }

  @Test
  void onlyLinuxNativesAndNoPlatformBundlesAreOnTheClassPath() {
    List<String> jars = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(p -> Path.of(p).getFileName().toString()).toList();
    assertThat(jars).anyMatch(j -> j.equals("opencv-4.13.0-1.5.13-linux-x86_64.jar"));
    assertThat(jars).noneMatch(j -> j.contains("-platform-") && !j.startsWith("junit-platform"))
        .noneMatch(j -> j.matches(".*-(windows|macosx|android|ios|linux-(arm64|armhf|ppc64le|x86))[-.].*"));
    assertThat(jars).noneMatch(j -> j.startsWith("guice-") || j.startsWith("guava-"));
  }
}
