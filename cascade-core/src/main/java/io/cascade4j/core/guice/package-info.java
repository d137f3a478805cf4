/**
 * Guice integration: {@link io.cascade4j.core.guice.CascadeModule} binds the discovered providers and provides a
 * {@link io.cascade4j.api.Cascade} from a configuration.
 */
@NullMarked
package io.cascade4j.core.guice;

import org.jspecify.annotations.NullMarked;
