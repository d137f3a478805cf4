/**
 * Runnable examples: a cascade embedded in code, built or loaded from YAML ({@link
 * io.cascade4j.examples.EmbeddedCascadeExample}), the out-of-the-box demo ({@link io.cascade4j.examples.RoadworkDemo}),
 * the commands (evaluate, calibrate, train the gate, validate), and a custom stage plugin in its own module ({@code
 * examples/stage-plugin}) discovered through {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.cascade4j.examples;

import org.jspecify.annotations.NullMarked;
