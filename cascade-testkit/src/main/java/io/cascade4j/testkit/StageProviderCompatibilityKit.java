package io.cascade4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StageProvider} and its {@link Stage} owe the engine. Extend it in your tests:
 *
 * <pre>{@code
 * class BrightnessStageProviderTest extends StageProviderCompatibilityKit {
 *   @Override
 *   protected StageProvider provider() {
 *     return new BrightnessStageProvider();
 *   }
 *
 *   @Override
 *   protected Map<String, Object> validSettings() {
 *     return Map.of("gamma", 2.2);
 *   }
 *
 *   @Override
 *   protected Map<String, Object> invalidSettings() {
 *     return Map.of("gamma", -1);
 *   }
 * }
 * }</pre>
 *
 * <p>The checks: the provider is listed for {@link java.util.ServiceLoader}; its type id is well formed; invalid
 * and unknown settings give a {@link io.cascade4j.api.ConfigurationException} whose problems carry key paths; the
 * stage answers sample queries with evidence, the same from many threads at once as from one; {@code close()} may
 * be called twice; bytes that are no image give a clear exception or no opinion, never an {@link Error} or a
 * careless {@link NullPointerException}.
 */
public abstract class StageProviderCompatibilityKit extends ProviderCompatibilityKit<StageProvider, Stage> {
  private final List<Stage> created = new ArrayList<>();

  @Override
  final Class<StageProvider> service() {
    return StageProvider.class;
  }

  @Override
  final Stage create(StageProvider provider, Settings settings) throws Exception {
    return provider.create(settings);
  }

  /** Queries the stage must answer; by default street-like JPEG and PNG images. */
  protected List<Query> sampleQueries() {
    return List.of(
        Query.of(TestImages.jpeg(TestImages.scene(224, 224, true, 1), 75)),
        Query.of(TestImages.jpeg(TestImages.scene(224, 224, false, 2), 75)),
        Query.of(TestImages.png(TestImages.scene(320, 180, true, 3))),
        Query.of(TestImages.jpeg(TestImages.gradient(97, 61), 90)));
  }

  /** Whether the stage answers the same query with the same probability every time. */
  protected boolean isDeterministic() {
    return true;
  }

  /** Creates a stage from {@link #validSettings()}; closed after each test. */
  protected final Stage createStage() throws Exception {
    Stage stage = createFromValidSettings();
    created.add(stage);
    return stage;
  }

  @AfterEach
  void closeCreated() {
    created.forEach(Stage::close);
    created.clear();
  }





  @Test
  void answersSampleQueries() throws Exception {
    Stage stage = createStage();
    for (Query query : sampleQueries()) {
      Evidence evidence = evaluate(stage, query);
      assertThat(evidence).as("evidence for %s", query.image()).isNotNull();
      if (isDeterministic()) {
        assertThat(evaluate(stage, query).probabilityIfAny())
            .as("the same query answered twice")
            .isEqualTo(evidence.probabilityIfAny());
      }
    }
  }

  @Test
  void concurrentQueriesAreSafe() throws Exception {
    Stage stage = createStage();
    List<Query> queries = sampleQueries();
    List<OptionalDouble> expected = new ArrayList<>();
    for (Query query : queries) {
      expected.add(evaluate(stage, query).probabilityIfAny());
    }
    AtomicInteger next = new AtomicInteger();
    List<Boolean> matches =
        ProviderChecks.concurrently(
            8,
            queries.size() * 4,
            () -> {
              int i = Math.floorMod(next.getAndIncrement(), queries.size());
              OptionalDouble p = evaluate(stage, queries.get(i)).probabilityIfAny();
              return !isDeterministic() || p.equals(expected.get(i));
            });
    assertThat(matches).as("answers from 8 threads equal the single-threaded ones").containsOnly(true);
  }

  @Test
  void closeIsIdempotent() throws Exception {
    Stage stage = createFromValidSettings();
    org.assertj.core.api.Assertions.assertThatCode(() -> {
      stage.close();
      stage.close();
    }).doesNotThrowAnyException();
  }

  @Test
  void badInputGivesAClearErrorOrNoOpinion() throws Exception {
    Stage stage = createStage();
    for (EncodedImage bad :
        List.of(TestImages.notAnImage(), TestImages.truncated(sampleQueries().getFirst().image()))) {
      Throwable thrown = catchThrowable(() -> evaluate(stage, Query.of(bad)));
      if (thrown != null) {
        assertThat(thrown).as("bad input must fail with an Exception, not an Error").isInstanceOf(Exception.class);
        assertThat(thrown)
            .as("bad input must fail with a deliberate exception")
            .isNotInstanceOfAny(NullPointerException.class, ClassCastException.class,
                ArrayIndexOutOfBoundsException.class);
        assertThat(thrown.getMessage()).as("the exception's message").isNotBlank();
      }
    }
  }

  private static Evidence evaluate(Stage stage, Query query) throws Exception {
    try (TestQueryContext context = TestQueryContext.of(query)) {
      return stage.evaluate(context);
    }
  }
}
