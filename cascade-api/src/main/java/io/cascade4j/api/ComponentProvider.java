package io.cascade4j.api;

/**
 * What every provider has: a stable type id that configuration files refer to.
 *
 * <p>Providers are discovered with {@link java.util.ServiceLoader} and must be cheap to construct: a public no-arg
 * constructor that loads nothing. Expensive work belongs in their {@code create} method.
 */
public interface ComponentProvider {

  /**
   * The id that configuration uses in {@code type:}, for example {@code classifier} or {@code band}: lower case
   * letters, digits and dashes, starting with a letter. It never changes between releases.
   */
  String type();
}
