package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;

/** {@code min}: the lowest probability (positive only if every member says so). Takes no settings. */
public final class MinEnsembleProvider extends ExtremeEnsembleProvider {
  @Override
  public String type() {
    return "min";
  }

  @Override
  Ensemble ensemble() {
    return Ensembles.min();
  }
}
