package io.cascade4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cascade4j.api.ComponentProvider;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Problem;
import io.cascade4j.api.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checks every provider owes, whatever it provides: it is listed for {@link ServiceLoader}, its type id is well
 * formed and stable, and invalid or unknown settings give a {@link ConfigurationException} whose problems carry key
 * paths. Extend one of its three subclasses, not this class.
 *
 * @param <P> the provider interface
 * @param <C> what the provider creates
 */
public abstract class ProviderCompatibilityKit<P extends ComponentProvider, C> {
  /** The path the kits put a component's settings under, so that key paths can be checked. */
  static final String PATH = "stages[3]";

  private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  ProviderCompatibilityKit() {}

  /** The provider under test. */
  protected abstract P provider();

  /** Settings with which the provider creates its component. */
  protected abstract Map<String, Object> validSettings();

  /** Settings that the provider must reject. */
  protected abstract Map<String, Object> invalidSettings();

  /** The provider interface, as listed in {@code META-INF/services}. */
  abstract Class<P> service();

  /** Creates the component from {@code settings}. */
  abstract C create(P provider, Settings settings) throws Exception;

  /** Creates the component from {@link #validSettings()}, failing the test if the provider returns null. */
  protected final C createFromValidSettings() throws Exception {
    C created = create(provider(), Settings.of(PATH, validSettings()));
    assertThat(created).as("create() returned null").isNotNull();
    return created;
  }

  @Test
  void providerIsDiscoverable() {
    P provider = provider();
    List<String> found = new ArrayList<>();
    for (P discovered : ServiceLoader.load(service(), provider.getClass().getClassLoader())) {
      found.add(discovered.getClass().getName());
    }
    assertThat(found)
        .as("providers of %s found by ServiceLoader: list %s in META-INF/services/%s",
            service().getSimpleName(), provider.getClass().getName(), service().getName())
        .contains(provider.getClass().getName());
  }

  @Test
  void typeIdIsWellFormed() {
    String type = provider().type();
    assertThat(type)
        .as("type id of %s: lower-case letters, digits and '-', starting with a letter", provider().getClass())
        .matches(TYPE_ID);
    assertThat(provider().type()).as("type id is stable").isEqualTo(type);
  }

  @Test
  void invalidSettingsAreReportedWithKeyPaths() {
    rejects(invalidSettings());
  }

  @Test
  void unknownSettingIsReported() {
    Map<String, Object> settings = new LinkedHashMap<>(validSettings());
    settings.put("no-such-setting", 1);
    assertThat(rejects(settings).problems()).extracting(Problem::path).contains(PATH + ".no-such-setting");
  }

  /** Creation fails with problems whose paths all sit under {@link #PATH} and whose messages say something. */
  private ConfigurationException rejects(Map<String, Object> settings) {
    Throwable thrown = catchThrowable(() -> create(provider(), Settings.of(PATH, settings)));
    assertThat(thrown)
        .as("creating with settings %s must throw ConfigurationException", settings)
        .isInstanceOf(ConfigurationException.class);
    ConfigurationException e = (ConfigurationException) thrown;
    assertThat(e.problems()).isNotEmpty();
    for (Problem problem : e.problems()) {
      assertThat(problem.path()).as("problem path of '%s'", problem).startsWith(PATH + ".");
      assertThat(problem.message()).as("problem message").isNotBlank();
    }
    return e;
  }
}
