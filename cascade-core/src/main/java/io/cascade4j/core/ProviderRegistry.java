package io.cascade4j.core;

import io.cascade4j.api.ComponentProvider;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.StageProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage, exit policy and ensemble providers a cascade can be configured from, by type id.
 *
 * <p>Discovery with {@link ServiceLoader} is defensive, as in SLF4J 2 and DJL: a plugin that cannot be loaded is
 * logged, listed in {@link #problems()} and skipped; two discovered providers with one type id are an error naming
 * both classes and where they came from. Providers registered explicitly win over discovered ones with the same id
 * (for tests, shaded jars, or to replace a plugin). The full listing is logged at debug level.
 *
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.builder()
 *     .discover(getClass().getClassLoader())
 *     .register(new MyStageProvider())          // replaces a discovered "my-stage", if any
 *     .build();
 * }</pre>
 *
 * <p>Immutable once built.
 */
public final class ProviderRegistry {
  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);
  private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final int MAX_SERVICE_ENTRIES = 10_000;

  private final Map<String, StageProvider> stages;
  private final Map<String, ExitPolicyProvider> exitPolicies;
  private final Map<String, EnsembleProvider> ensembles;
  private final List<DiscoveryProblem> problems;

  private ProviderRegistry(Builder builder) {
    this.stages = Collections.unmodifiableMap(new TreeMap<>(builder.stages.providers()));
    this.exitPolicies = Collections.unmodifiableMap(new TreeMap<>(builder.exitPolicies.providers()));
    this.ensembles = Collections.unmodifiableMap(new TreeMap<>(builder.ensembles.providers()));
    this.problems = List.copyOf(builder.problems);
  }

  /**
   * Everything found through {@link ServiceLoader} on the thread's context class loader (or, without one, the class
   * loader of cascade-core).
   *
   * @throws ProviderConflictException if two discovered providers share a type id
   */
  public static ProviderRegistry discover() {
    return builder().discover(defaultClassLoader()).build();
  }

  /** A registry to fill with discovered and explicit providers. */
  public static Builder builder() {
    return new Builder();
  }

  /** The stage provider for {@code type}. */
  public Optional<StageProvider> stageProvider(String type) {
    return Optional.ofNullable(stages.get(type));
  }

  /** The exit policy provider for {@code type}. */
  public Optional<ExitPolicyProvider> exitPolicyProvider(String type) {
    return Optional.ofNullable(exitPolicies.get(type));
  }

  /** The ensemble provider for {@code type}. */
  public Optional<EnsembleProvider> ensembleProvider(String type) {
    return Optional.ofNullable(ensembles.get(type));
  }

  /** Every stage type id, sorted. */
  public Set<String> stageTypes() {
    return stages.keySet();
  }

  /** Every exit policy type id, sorted. */
  public Set<String> exitPolicyTypes() {
    return exitPolicies.keySet();
  }

  /** Every ensemble type id, sorted. */
  public Set<String> ensembleTypes() {
    return ensembles.keySet();
  }

  /** The plugins that discovery skipped because they could not be loaded. */
  public List<DiscoveryProblem> problems() {
    return problems;
  }

  /** A listing for logs: every type id by kind, and the problems. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("stages: ").append(stages.keySet());
    out.append(", exit policies: ").append(exitPolicies.keySet());
    out.append(", ensembles: ").append(ensembles.keySet());
    if (!problems.isEmpty()) {
      out.append(", skipped: ").append(problems);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "ProviderRegistry[" + describe() + "]";
  }

  /**
   * This registry plus every provider found in the jars of {@code folders} ({@link PluginFolders}); the providers
   * this registry already holds win over plugin ones with the same type id. Returns this registry when there are no
   * folders.
   *
   * @throws IOException if a folder does not exist or cannot be listed
   * @throws ProviderConflictException if two plugin providers share a type id
   */
  public ProviderRegistry withPlugins(List<Path> folders) throws IOException {
    if (folders.isEmpty()) {
      return this;
    }
    Builder builder = builder().discover(PluginFolders.classLoader(folders, defaultClassLoader()));
    stages.values().forEach(builder.stages::register);
    exitPolicies.values().forEach(builder.exitPolicies::register);
    ensembles.values().forEach(builder.ensembles::register);
    builder.problems.addAll(problems);
    return builder.build();
  }

  static ClassLoader defaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ProviderRegistry.class.getClassLoader();
  }

  /** Where a class was loaded from, for messages: its jar or folder. */
  static String locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return location == null ? "an unknown location" : location.toString();
  }

  /** Collects providers. Not thread-safe. */
  public static final class Builder {
    private final Kind<StageProvider> stages = new Kind<>(StageProvider.class, "stage");
    private final Kind<ExitPolicyProvider> exitPolicies = new Kind<>(ExitPolicyProvider.class, "exit policy");
    private final Kind<EnsembleProvider> ensembles = new Kind<>(EnsembleProvider.class, "ensemble");
    private final List<DiscoveryProblem> problems = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();

    private Builder() {}

    /** Adds every provider that {@link ServiceLoader} finds through {@code classLoader}. */
    public Builder discover(ClassLoader classLoader) {
      stages.discover(classLoader, problems, conflicts);
      exitPolicies.discover(classLoader, problems, conflicts);
      ensembles.discover(classLoader, problems, conflicts);
      return this;
    }

    /**
     * Registers a provider explicitly; it replaces a discovered provider of the same kind and id. A provider that
     * implements several kinds is registered as each.
     *
     * @throws IllegalArgumentException if its type id is malformed, or another explicit provider of the same kind
     *     already has it
     */
    public Builder register(ComponentProvider provider) {
      boolean any = false;
      if (provider instanceof StageProvider p) {
        stages.register(p);
        any = true;
      }
      if (provider instanceof ExitPolicyProvider p) {
        exitPolicies.register(p);
        any = true;
      }
      if (provider instanceof EnsembleProvider p) {
        ensembles.register(p);
        any = true;
      }
      if (!any) {
        throw new IllegalArgumentException(
            provider.getClass().getName() + " is none of StageProvider, ExitPolicyProvider, EnsembleProvider");
      }
      return this;
    }

    /**
     * Builds the registry and logs what it holds.
     *
     * @throws ProviderConflictException if discovery found two providers for one type id
     */
    public ProviderRegistry build() {
      if (!conflicts.isEmpty()) {
        throw new ProviderConflictException(conflicts);
      }
      ProviderRegistry registry = new ProviderRegistry(this);
      if (log.isDebugEnabled()) {
        log.debug("cascade4j providers: {}", registry.describe());
      }
      return registry;
    }
  }

  /** The providers of one kind: discovered and explicit ones apart, so that explicit ones can win. */
  private static final class Kind<P extends ComponentProvider> {
    private final Class<P> service;
    private final String label;
    private final Map<String, P> discovered = new LinkedHashMap<>();
    private final Map<String, P> explicit = new LinkedHashMap<>();

    Kind(Class<P> service, String label) {
      this.service = service;
      this.label = label;
    }

    void discover(ClassLoader classLoader, List<DiscoveryProblem> problems, List<String> conflicts) {
      Iterator<P> iterator = ServiceLoader.load(service, classLoader).iterator();
      // After a broken entry ServiceLoader's iterator moves on to the next; the bound guards against one that
      // would fail forever on the same entry.
      for (int entries = 0; entries < MAX_SERVICE_ENTRIES; entries++) {
        P provider;
        try {
          if (!iterator.hasNext()) {
            return;
          }
          provider = iterator.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          skip(problems, new DiscoveryProblem(service.getSimpleName(), describe(e)));
          continue;
        }
        String type = typeOf(provider, problems);
        if (type == null) {
          continue;
        }
        P previous = discovered.putIfAbsent(type, provider);
        if (previous != null && previous.getClass() != provider.getClass()) {
          conflicts.add(
              String.format(
                  "%s type '%s' is provided by both %s (from %s) and %s (from %s); remove one of the plugins, or"
                      + " register the one to use explicitly",
                  label,
                  type,
                  previous.getClass().getName(),
                  locationOf(previous.getClass()),
                  provider.getClass().getName(),
                  locationOf(provider.getClass())));
        }
      }
      log.warn("stopped reading {} providers after {} entries", service.getSimpleName(), MAX_SERVICE_ENTRIES);
    }

    private @Nullable String typeOf(P provider, List<DiscoveryProblem> problems) {
      String type;
      try {
        type = provider.type();
      } catch (RuntimeException e) {
        skip(problems, new DiscoveryProblem(service.getSimpleName(), provider.getClass().getName()
            + " (from " + locationOf(provider.getClass()) + ") failed in type(): " + e));
        return null;
      }
      if (type == null || !TYPE_ID.matcher(type).matches()) {
        skip(problems, new DiscoveryProblem(service.getSimpleName(), provider.getClass().getName()
            + " (from " + locationOf(provider.getClass()) + ") has a malformed type id '" + type
            + "'; ids are lower-case letters, digits and '-', starting with a letter"));
        return null;
      }
      return type;
    }

    void register(P provider) {
      String type = provider.type();
      if (type == null || !TYPE_ID.matcher(type).matches()) {
        throw new IllegalArgumentException(
            provider.getClass().getName() + " has a malformed type id '" + type
                + "'; ids are lower-case letters, digits and '-', starting with a letter");
      }
      P previous = explicit.putIfAbsent(type, provider);
      if (previous != null) {
        throw new IllegalArgumentException(
            label + " type '" + type + "' is already registered by " + previous.getClass().getName());
      }
    }

    Map<String, P> providers() {
      Map<String, P> all = new LinkedHashMap<>(discovered);
      all.putAll(explicit);
      return all;
    }

    private static void skip(List<DiscoveryProblem> problems, DiscoveryProblem problem) {
      log.warn("skipped a broken cascade4j plugin: {}", problem);
      problems.add(problem);
    }

    private static String describe(Throwable e) {
      Throwable cause = e.getCause();
      return e.getMessage() + (cause == null || cause == e ? "" : " (caused by " + cause + ")");
    }
  }
}
