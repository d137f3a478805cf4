/**
 * Runnable examples: a cascade embedded in code, built or loaded from YAML ({@link
 * io.cascade4j.examples.EmbeddedCascadeExample}), using the stage plugin of {@code examples/stage-plugin}, a
 * standalone project discovered through {@link java.util.ServiceLoader}. The module also holds the default cascade's
 * files ({@code examples/default}) that the command line ships, and an example miner ({@code examples/miner}).
 */
@NullMarked
package io.cascade4j.examples;

import org.jspecify.annotations.NullMarked;
