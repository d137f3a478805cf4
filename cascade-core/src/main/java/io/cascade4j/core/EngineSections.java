package io.cascade4j.core;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EngineSettingsProvider;
import io.cascade4j.api.Problem;
import io.cascade4j.api.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Applies an {@code engine:} section: each sub-section goes to the {@link EngineSettingsProvider} that claims it
 * (found on the thread's context class loader, plugins included); a sub-section nobody claims is a problem naming
 * the known ones.
 */
public final class EngineSections {
  private EngineSections() {}

  /**
   * Applies {@code section}, whose key path is {@code path} ({@code engine}).
   *
   * @throws ConfigurationException listing every problem
   */
  public static void apply(Map<String, @Nullable Object> section, String path) throws ConfigurationException {
    if (section.isEmpty()) {
      return;
    }
    Map<String, EngineSettingsProvider> bySection = new LinkedHashMap<>();
    for (EngineSettingsProvider provider : ServiceLoader.load(EngineSettingsProvider.class,
        ProviderRegistry.defaultClassLoader())) {
      provider.sections().forEach(s -> bySection.putIfAbsent(s, provider));
    }
    List<Problem> problems = new ArrayList<>();
    Map<EngineSettingsProvider, Map<String, @Nullable Object>> parts = new LinkedHashMap<>();
    for (Map.Entry<String, @Nullable Object> entry : section.entrySet()) {
      EngineSettingsProvider provider = bySection.get(entry.getKey());
      if (provider == null) {
        problems.add(new Problem(path + "." + entry.getKey(), "no engine reads this section; known: "
            + (bySection.isEmpty() ? "none (no engine module on the class path)"
                : String.join(", ", new TreeSet<>(bySection.keySet())))));
        continue;
      }
      parts.computeIfAbsent(provider, p -> new LinkedHashMap<>()).put(entry.getKey(), entry.getValue());
    }
    for (Map.Entry<EngineSettingsProvider, Map<String, @Nullable Object>> part : parts.entrySet()) {
      try {
        part.getKey().apply(Settings.of(path, part.getValue()));
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }
}
