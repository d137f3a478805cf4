package io.cascade4j.api;

import java.util.List;

/**
 * Process-wide settings of an inference engine, from the {@code engine:} section of a cascade or miner file: where
 * its native libraries come from, its thread pools, its execution providers. Found with {@link
 * java.util.ServiceLoader} like stage providers; each claims the sub-sections it reads.
 *
 * <pre>{@code
 * engine:
 *   pytorch: {intra-op-threads: 4, cudnn-benchmark: false}
 *   onnxruntime: {intra-op-threads: 4, execution-provider: cuda}
 * }</pre>
 *
 * <p>Such settings hold for the whole process and can only take effect before the engine starts: {@link #apply}
 * refuses a change once a model has been loaded, rather than silently keeping the old values.
 */
public interface EngineSettingsProvider extends ComponentProvider {
  /** The sub-sections of {@code engine:} this provider reads, such as {@code pytorch}. */
  List<String> sections();

  /**
   * Reads and applies {@code engine} (only this provider's sub-sections), reporting every problem with its key path.
   *
   * @throws ConfigurationException for bad values, or for a change after the engine started
   */
  void apply(Settings engine) throws ConfigurationException;
}
