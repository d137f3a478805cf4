package io.cascade4j.api;

/**
 * Creates {@link ExitPolicy} instances of one type from configuration; discovered like {@link StageProvider}.
 *
 * <pre>{@code
 * public final class ConfidentExitPolicyProvider implements ExitPolicyProvider {
 *   @Override
 *   public String type() {
 *     return "confident";
 *   }
 *
 *   @Override
 *   public ExitPolicy create(Settings settings) throws ConfigurationException {
 *     double margin = settings.doubleValue("margin", 0.45, 0.0, 0.5);
 *     settings.validate();
 *     return step -> Math.abs(step.evidence().probability() - 0.5) >= margin;
 *   }
 * }
 * }</pre>
 */
public interface ExitPolicyProvider extends ComponentProvider {

  /**
   * Creates a policy.
   *
   * @param settings the policy's settings (the {@code exit:} entry of a step, minus {@code type})
   * @throws ConfigurationException if the settings are invalid
   */
  ExitPolicy create(Settings settings) throws ConfigurationException;
}
