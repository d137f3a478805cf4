package io.cascade4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.ComponentProvider;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/** The checks every kit shares: discovery, type ids, configuration errors, concurrency. */
final class ProviderChecks {
  /** The path the kits put a component's settings under, so that key paths can be checked. */
  static final String PATH = "stages[3]";

  private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private ProviderChecks() {}

  static <P extends ComponentProvider> void discoverable(Class<P> service, P provider) {
    List<String> found = new ArrayList<>();
    for (P discovered : ServiceLoader.load(service, provider.getClass().getClassLoader())) {
      found.add(discovered.getClass().getName());
    }
    assertThat(found)
        .as("providers of %s found by ServiceLoader: list %s in META-INF/services/%s",
            service.getSimpleName(), provider.getClass().getName(), service.getName())
        .contains(provider.getClass().getName());
  }

  static void wellFormedType(ComponentProvider provider) {
    String type = provider.type();
    assertThat(type)
        .as("type id of %s: lower-case letters, digits and '-', starting with a letter", provider.getClass())
        .matches(TYPE_ID);
    assertThat(provider.type()).as("type id is stable").isEqualTo(type);
  }

  /** The creation fails with problems whose paths all sit under {@link #PATH} and whose messages say something. */
  static ConfigurationException rejects(Callable<?> creation) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(creation::call);
    assertThat(thrown)
        .as("creating with invalid settings must throw ConfigurationException")
        .isInstanceOf(ConfigurationException.class);
    ConfigurationException e = (ConfigurationException) thrown;
    assertThat(e.problems()).isNotEmpty();
    for (Problem problem : e.problems()) {
      assertThat(problem.path()).as("problem path of '%s'", problem).startsWith(PATH + ".");
      assertThat(problem.message()).as("problem message").isNotBlank();
    }
    return e;
  }

  static void rejectsUnknownKey(Callable<?> creation, String key) {
    ConfigurationException e = rejects(creation);
    assertThat(e.problems()).extracting(Problem::path).contains(PATH + "." + key);
  }

  static <T> List<T> concurrently(int threads, int perThread, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads * perThread; i++) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static void noThrow(Runnable r) {
    org.assertj.core.api.Assertions.assertThatCode(r::run).doesNotThrowAnyException();
  }

}
