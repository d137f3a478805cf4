package io.cascade4j.core;

/**
 * A plugin that discovery skipped, and why.
 *
 * @param service the provider interface being loaded, for example {@code StageProvider}
 * @param message what went wrong, with the class and its location where known
 */
public record DiscoveryProblem(String service, String message) {
  @Override
  public String toString() {
    return service + ": " + message;
  }
}
