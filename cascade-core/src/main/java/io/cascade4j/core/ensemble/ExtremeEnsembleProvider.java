package io.cascade4j.core.ensemble;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Ensemble;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.Settings;
import java.util.List;

/** {@code min} and {@code max}: take no settings. */
abstract sealed class ExtremeEnsembleProvider implements EnsembleProvider
    permits MinEnsembleProvider, MaxEnsembleProvider {

  @Override
  public final Ensemble create(Settings settings, List<String> members) throws ConfigurationException {
    settings.validate();
    return ensemble();
  }

  abstract Ensemble ensemble();
}
