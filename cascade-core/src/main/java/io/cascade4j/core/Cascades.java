package io.cascade4j.core;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Ensemble;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Problem;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.api.Suggestions;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.config.ComponentConfig;
import io.cascade4j.core.config.StageConfig;
import io.cascade4j.core.config.StepConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where cascades come from: built in code from instances, or created from a configuration through the providers of
 * a {@link ProviderRegistry}.
 *
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.discover();
 * try (Cascade cascade = Cascades.load(Path.of("roadwork.yaml"), registry)) {
 *   Answer answer = cascade.evaluate(Query.of(EncodedImage.jpeg(bytes)));
 * }
 * }</pre>
 */
public final class Cascades {
  private static final Logger log = LoggerFactory.getLogger(Cascades.class);

  private Cascades() {}

  /** A builder for a cascade of stage, policy and ensemble instances. */
  public static CascadeBuilder builder(String name) {
    return new CascadeBuilder(name);
  }

  /**
   * Reads a cascade file (YAML, or JSON by a {@code .json} name) and creates the cascade, substituting {@code
   * ${ENV}} from the process environment.
   *
   * @throws IOException if the file cannot be read
   * @throws ConfigurationException listing every problem of the file and of every provider's settings at once
   */
  public static Cascade load(Path file, ProviderRegistry registry, CascadeListener... listeners)
      throws IOException, ConfigurationException {
    return load(file, new CascadeConfigLoader(), registry, listeners);
  }

  /** Like {@link #load(Path, ProviderRegistry, CascadeListener...)}, with a loader of your own (environment). */
  public static Cascade load(
      Path file, CascadeConfigLoader loader, ProviderRegistry registry, CascadeListener... listeners)
      throws IOException, ConfigurationException {
    CascadeConfigLoader.Parsed parsed = loader.parseLeniently(file);
    return assemble(parsed.config(), parsed.problems(), registry, List.of(listeners));
  }

  /**
   * Creates the cascade a configuration describes.
   *
   * @throws ConfigurationException listing every provider's problems (unknown types, bad settings, missing models)
   */
  public static Cascade create(CascadeConfig config, ProviderRegistry registry, CascadeListener... listeners)
      throws ConfigurationException {
    return assemble(config, List.of(), registry, List.of(listeners));
  }

  private static Cascade assemble(
      @Nullable CascadeConfig config,
      List<Problem> earlier,
      ProviderRegistry registry,
      List<CascadeListener> listeners)
      throws ConfigurationException {
    if (config == null) {
      throw new ConfigurationException(earlier.isEmpty() ? List.of(new Problem("stages", "no stages")) : earlier);
    }
    ProviderRegistry withPlugins;
    try {
      withPlugins = registry.withPlugins(config.plugins());
    } catch (IOException e) {
      throw new ConfigurationException(List.of(new Problem("plugins", "cannot read the plugin folders: " + e)));
    }
    EngineSections.apply(config.engine(), "engine"); // before any stage loads a model
    Assembly assembly = new Assembly(withPlugins, earlier);
    CascadeBuilder builder =
        builder(config.name()).deadline(config.deadline()).fallback(config.fallback().toFallback())
            .operatingPoint(config.operatingPoint());
    listeners.forEach(builder::listener);
    for (int i = 0; i < config.steps().size(); i++) {
      assembly.add(builder, config.steps().get(i), "stages[" + i + "]");
    }
    if (!assembly.problems.isEmpty()) {
      assembly.closeCreated();
      throw new ConfigurationException(assembly.problems);
    }
    Cascade cascade = builder.build();
    log.info("cascade '{}' ready: {}", config.name(), cascade);
    return cascade;
  }

  /** Turns configured steps into instances, collecting every problem and everything created. */
  private static final class Assembly {
    private final ProviderRegistry registry;
    private final List<Problem> problems;
    private final List<Stage> created = new ArrayList<>();

    Assembly(ProviderRegistry registry, List<Problem> earlier) {
      this.registry = registry;
      this.problems = new ArrayList<>(earlier);
    }

    void add(CascadeBuilder builder, StepConfig step, String path) {
      switch (step) {
        case StepConfig.Single single -> {
          int before = problems.size();
          Optional<StageSpec> stage = stage(single.stage(), path);
          if (stage.isEmpty() && single.stage().optional()) {
            List<Problem> why = new ArrayList<>(problems.subList(before, problems.size()));
            problems.subList(before, problems.size()).clear();
            log.warn("optional stage '{}' left out: {}", single.stage().name(),
                String.join("; ", why.stream().map(p -> p.path() + ": " + p.message()).toList()));
            return;
          }
          Optional<ExitPolicy> exit = exit(single.exit(), path + ".exit");
          if (stage.isPresent() && exit.isPresent()) {
            builder.stage(stage.get(), exit.get());
          }
        }
        case StepConfig.Group group -> {
          List<StageSpec> members = new ArrayList<>();
          for (int m = 0; m < group.members().size(); m++) {
            stage(group.members().get(m), path + ".parallel[" + m + "]").ifPresent(members::add);
          }
          List<String> names = group.members().stream().map(StageConfig::name).toList();
          Optional<Ensemble> ensemble = ensemble(group.ensemble(), names, path + ".ensemble");
          Optional<ExitPolicy> exit = exit(group.exit(), path + ".exit");
          if (members.size() == group.members().size() && ensemble.isPresent() && exit.isPresent()) {
            builder.parallel(group.name(), members, ensemble.get(), exit.get(), group.timeout());
          }
        }
      }
    }

    private Optional<StageSpec> stage(StageConfig config, String path) {
      Optional<StageProvider> provider =
          provider(registry.stageProvider(config.provider().type()), registry.stageTypes(), "stage", config.provider(), path);
      return provider.flatMap(
          p ->
              create(path, p, () -> p.create(Settings.of(path, config.provider().settings())))
                  .flatMap(
                      stage -> {
                        created.add(stage);
                        StageSpec spec = new StageSpec(config.name(), stage, config.timeout(), config.isolation());
                        if (config.calibration() == null) {
                          return Optional.of(spec);
                        }
                        return create(path + ".calibration", config.calibration(), () -> io.cascade4j.core.evaluation
                            .Calibrators.fromConfig(config.calibration(), path + ".calibration"))
                            .map(c -> spec.withCalibration(c::apply));
                      }));
    }

    private Optional<ExitPolicy> exit(ComponentConfig config, String path) {
      return provider(registry.exitPolicyProvider(config.type()), registry.exitPolicyTypes(), "exit policy", config, path)
          .flatMap(p -> create(path, p, () -> p.create(Settings.of(path, config.settings()))));
    }

    private Optional<Ensemble> ensemble(ComponentConfig config, List<String> members, String path) {
      return provider(registry.ensembleProvider(config.type()), registry.ensembleTypes(), "ensemble", config, path)
          .flatMap(p -> create(path, p, () -> p.create(Settings.of(path, config.settings()), members)));
    }

    private <P> Optional<P> provider(
        Optional<P> found, Set<String> known, String kind, ComponentConfig config, String path) {
      if (found.isEmpty()) {
        problems.add(
            new Problem(
                path + ".type",
                "unknown "
                    + kind
                    + " type '"
                    + config.type()
                    + "'"
                    + Suggestions.closest(config.type(), known).map(s -> " (did you mean '" + s + "'?)").orElse("")
                    + "; known: "
                    + (known.isEmpty() ? "none (is the plugin on the class path?)" : String.join(", ", known))));
      }
      return found;
    }

    private <T> Optional<T> create(String path, Object provider, Creation<T> creation) {
      try {
        T created = creation.create();
        if (created == null) {
          problems.add(new Problem(path, provider.getClass().getName() + " created nothing (returned null)"));
        }
        return Optional.ofNullable(created);
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException e) {
        problems.add(new Problem(path, provider.getClass().getName() + " failed: " + e));
      }
      return Optional.empty();
    }

    void closeCreated() {
      for (Stage stage : created) {
        try {
          stage.close();
        } catch (RuntimeException e) {
          log.warn("closing stage {} after a failed configuration: {}", stage, e.toString());
        }
      }
    }
  }

  @FunctionalInterface
  private interface Creation<T> {
    T create() throws ConfigurationException;
  }
}
