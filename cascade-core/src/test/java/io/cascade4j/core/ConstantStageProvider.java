package io.cascade4j.core;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;

/** A test plugin: {@code constant} answers the configured probability. Registered explicitly by the tests. */
public final class ConstantStageProvider implements StageProvider {
  @Override
  public String type() {
    return "constant";
  }

  @Override
  public Stage create(Settings settings) throws ConfigurationException {
    double p = settings.doubleValue("probability", 0.5, 0.0, 1.0);
    settings.validate();
    Evidence evidence = Evidence.of(p);
    return context -> evidence;
  }
}
