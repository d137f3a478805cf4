package io.cascade4j.api;

import java.util.List;

/**
 * Creates {@link Ensemble}s of one type from configuration; discovered like {@link StageProvider}.
 *
 * <pre>{@code
 * public final class MinEnsembleProvider implements EnsembleProvider {
 *   @Override
 *   public String type() {
 *     return "min";
 *   }
 *
 *   @Override
 *   public Ensemble create(Settings settings, List<String> members) throws ConfigurationException {
 *     settings.validate();
 *     return outcomes -> outcomes.stream()
 *         .filter(StageOutcome::hasOpinion)
 *         .mapToDouble(o -> o.evidence().probability())
 *         .min().stream().mapToObj(Evidence::of).findFirst().orElse(Evidence.abstain());
 *   }
 * }
 * }</pre>
 */
public interface EnsembleProvider extends ComponentProvider {

  /**
   * Creates an ensemble for a group.
   *
   * @param settings the ensemble's settings (the group's {@code ensemble:} entry, minus {@code type})
   * @param members the names of the group's members in order, so that per-member settings (weights) can be checked
   * @throws ConfigurationException if the settings are invalid, for example a weight for a member the group lacks
   */
  Ensemble create(Settings settings, List<String> members) throws ConfigurationException;
}
