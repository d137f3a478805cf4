package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;

/** {@code max}: the highest probability (positive if any member says so). Takes no settings. */
public final class MaxEnsembleProvider extends ExtremeEnsembleProvider {
  @Override
  public String type() {
    return "max";
  }

  @Override
  Ensemble ensemble() {
    return Ensembles.max();
  }
}
