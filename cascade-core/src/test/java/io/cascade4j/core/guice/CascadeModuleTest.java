package io.cascade4j.core.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.core.CascadeListener;
import io.cascade4j.core.ConstantStageProvider;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.ComponentConfig;
import io.cascade4j.core.config.StageConfig;
import io.cascade4j.testkit.TestImages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CascadeModuleTest {
  private static final CascadeConfig CONFIG =
      CascadeConfig.builder("injected")
          .stage(StageConfig.of("gate", "constant", Map.of("probability", 0.97)),
              ComponentConfig.of("band", Map.of("low", 0.05, "high", 0.95)))
          .stage(StageConfig.of("judge", "constant", Map.of("probability", 0.2)), ComponentConfig.of("always"))
          .build();

  /** Replaces the built-in "band" by one that never exits, to show that user bindings win. */
  static final class NeverBand implements ExitPolicyProvider {
    @Override
    public String type() {
      return "band";
    }

    @Override
    public ExitPolicy create(Settings settings) {
      return step -> false;
    }
  }

  @Test
  void providesACascadeFromDiscoveredAndBoundProviders() {
    List<String> answered = new CopyOnWriteArrayList<>();
    Injector injector =
        Guice.createInjector(
            new CascadeModule(CONFIG),
            new AbstractModule() {
              @Override
              protected void configure() {
                CascadeModule.stageProviders(binder()).addBinding("constant").to(ConstantStageProvider.class);
                CascadeModule.listeners(binder()).addBinding().toInstance(new CascadeListener() {
                  @Override
                  public void answered(String cascade, Query query, Answer answer) {
                    answered.add(cascade + ":" + answer.decidedBy());
                  }
                });
              }
            });
    Cascade cascade = injector.getInstance(Cascade.class);
    try {
      assertThat(injector.getInstance(Cascade.class)).as("singleton").isSameAs(cascade);
      Answer answer = cascade.evaluate(Query.of(TestImages.notAnImage()));
      assertThat(answer.decidedBy()).isEqualTo("gate");
      assertThat(answered).containsExactly("injected:gate");
      assertThat(injector.getInstance(ProviderRegistry.class).stageTypes()).containsExactly("constant");
    } finally {
      cascade.close();
    }
  }

  @Test
  void userBindingsOverrideDiscoveredProviders() {
    Injector injector =
        Guice.createInjector(
            new CascadeModule(CONFIG),
            new AbstractModule() {
              @Override
              protected void configure() {
                CascadeModule.stageProviders(binder()).addBinding("constant").to(ConstantStageProvider.class);
                CascadeModule.exitPolicyProviders(binder()).addBinding("band").to(NeverBand.class);
              }
            });
    try (Cascade cascade = injector.getInstance(Cascade.class)) {
      assertThat(cascade.evaluate(Query.of(TestImages.notAnImage())).decidedBy()).isEqualTo("judge");
    }
  }

  @Test
  void aBadConfigurationFailsProvisionWithItsProblems() {
    Injector injector = Guice.createInjector(new CascadeModule(CONFIG));
    assertThatThrownBy(() -> injector.getInstance(Cascade.class))
        .isInstanceOf(ProvisionException.class)
        .hasCauseInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stages[0].type: unknown stage type 'constant'");
  }

  @Test
  void guiceRefusesTwoBindingsOfOneId() {
    assertThatThrownBy(() -> Guice.createInjector(new CascadeModule(CONFIG), new AbstractModule() {
          @Override
          protected void configure() {
            CascadeModule.stageProviders(binder()).addBinding("constant").to(ConstantStageProvider.class);
            CascadeModule.stageProviders(binder()).addBinding("constant").toInstance(new ConstantStageProvider());
          }
        }).getInstance(Cascade.class))
        .isInstanceOfAny(CreationException.class, ProvisionException.class)
        .hasMessageContaining("constant");
  }
}
