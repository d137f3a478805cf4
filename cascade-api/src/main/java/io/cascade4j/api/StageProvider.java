package io.cascade4j.api;

/**
 * Creates {@link Stage}s of one type from configuration. Discovered with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.cascade4j.api.StageProvider} (and {@code provides} it in {@code
 * module-info.java} if the plugin is a module).
 *
 * <p>Read every setting first, call {@link Settings#validate()} (which reports all problems at once, unknown keys
 * included), and only then load models:
 *
 * <pre>{@code
 * public final class BrightnessStageProvider implements StageProvider {
 *   @Override
 *   public String type() {
 *     return "brightness";
 *   }
 *
 *   @Override
 *   public Stage create(Settings settings) throws ConfigurationException {
 *     double gamma = settings.doubleValue("gamma", 1.0, 0.1, 10.0);
 *     settings.validate();
 *     return new BrightnessStage(gamma);
 *   }
 * }
 * }</pre>
 */
public interface StageProvider extends ComponentProvider {

  /**
   * Creates a stage.
   *
   * @param settings the stage's settings (its entry in the cascade file, minus the keys the engine reads)
   * @throws ConfigurationException if the settings are invalid or a resource they name (a model file) cannot be
   *     loaded; the problems carry the settings' key paths
   */
  Stage create(Settings settings) throws ConfigurationException;
}
