package io.cascade4j.core.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.StageProvider;
import io.cascade4j.core.CascadeListener;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Binds cascade4j into a Guice injector: every provider that {@link java.util.ServiceLoader} finds goes into a
 * {@link MapBinder} qualified {@link Discovered}; your modules add or override providers through the unqualified
 * map binders ({@link #stageProviders}, {@link #exitPolicyProviders}, {@link #ensembleProviders}); the module then
 * provides the merged {@link ProviderRegistry} and a singleton {@link Cascade} built from the configuration given.
 * Listeners bound with {@link #listeners} observe that cascade.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new CascadeModule(CascadeConfigLoader.load(Path.of("roadwork.yaml"))),
 *     new AbstractModule() {
 *       @Override
 *       protected void configure() {
 *         CascadeModule.stageProviders(binder()).addBinding("my-stage").to(MyStageProvider.class);
 *         CascadeModule.listeners(binder()).addBinding().toInstance(new MicrometerCascadeListener(registry));
 *       }
 *     });
 * Cascade cascade = injector.getInstance(Cascade.class);
 * }</pre>
 *
 * <p>The injector does not close the cascade: close it when the application stops.
 */
public final class CascadeModule extends AbstractModule {
  private final CascadeConfig config;
  private final ClassLoader classLoader;

  /** A module for the cascade {@code config} describes, discovering plugins through the context class loader. */
  public CascadeModule(CascadeConfig config) {
    this(config, Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader()
        : CascadeModule.class.getClassLoader());
  }

  /** A module for the cascade {@code config} describes, discovering plugins through {@code classLoader}. */
  public CascadeModule(CascadeConfig config, ClassLoader classLoader) {
    this.config = Objects.requireNonNull(config, "config");
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
  }

  /** The map binder through which a module adds or overrides stage providers by type id. */
  public static MapBinder<String, StageProvider> stageProviders(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, StageProvider.class);
  }

  /** The map binder through which a module adds or overrides exit policy providers by type id. */
  public static MapBinder<String, ExitPolicyProvider> exitPolicyProviders(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, ExitPolicyProvider.class);
  }

  /** The map binder through which a module adds or overrides ensemble providers by type id. */
  public static MapBinder<String, EnsembleProvider> ensembleProviders(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, EnsembleProvider.class);
  }

  /** The set binder through which a module adds listeners to the provided cascade. */
  public static Multibinder<CascadeListener> listeners(com.google.inject.Binder binder) {
    return Multibinder.newSetBinder(binder, CascadeListener.class);
  }

  @Override
  protected void configure() {
    ProviderRegistry discovered = ProviderRegistry.builder().discover(classLoader).build();
    MapBinder<String, StageProvider> stages =
        MapBinder.newMapBinder(binder(), String.class, StageProvider.class, Discovered.class);
    discovered.stageTypes().forEach(t -> stages.addBinding(t).toInstance(discovered.stageProvider(t).orElseThrow()));
    MapBinder<String, ExitPolicyProvider> exits =
        MapBinder.newMapBinder(binder(), String.class, ExitPolicyProvider.class, Discovered.class);
    discovered.exitPolicyTypes().forEach(
        t -> exits.addBinding(t).toInstance(discovered.exitPolicyProvider(t).orElseThrow()));
    MapBinder<String, EnsembleProvider> ensembles =
        MapBinder.newMapBinder(binder(), String.class, EnsembleProvider.class, Discovered.class);
    discovered.ensembleTypes().forEach(
        t -> ensembles.addBinding(t).toInstance(discovered.ensembleProvider(t).orElseThrow()));
    // Declared so that the maps and set exist even when no user module adds to them.
    stageProviders(binder());
    exitPolicyProviders(binder());
    ensembleProviders(binder());
    listeners(binder());
  }

  @Provides
  @Singleton
  ProviderRegistry registry(
      @Discovered Map<String, StageProvider> discoveredStages,
      @Discovered Map<String, ExitPolicyProvider> discoveredExits,
      @Discovered Map<String, EnsembleProvider> discoveredEnsembles,
      Map<String, StageProvider> stages,
      Map<String, ExitPolicyProvider> exits,
      Map<String, EnsembleProvider> ensembles) {
    ProviderRegistry.Builder builder = ProviderRegistry.builder();
    registerUnlessOverridden(builder, discoveredStages, stages.keySet());
    registerUnlessOverridden(builder, discoveredExits, exits.keySet());
    registerUnlessOverridden(builder, discoveredEnsembles, ensembles.keySet());
    stages.values().forEach(builder::register);
    exits.values().forEach(builder::register);
    ensembles.values().forEach(builder::register);
    return builder.build();
  }

  private static void registerUnlessOverridden(
      ProviderRegistry.Builder builder, Map<String, ? extends io.cascade4j.api.ComponentProvider> discovered,
      Set<String> overridden) {
    discovered.forEach(
        (type, provider) -> {
          if (!overridden.contains(type)) {
            builder.register(provider);
          }
        });
  }

  @Provides
  @Singleton
  Cascade cascade(ProviderRegistry registry, Set<CascadeListener> listeners) throws ConfigurationException {
    return Cascades.create(config, registry, listeners.toArray(CascadeListener[]::new));
  }
}
