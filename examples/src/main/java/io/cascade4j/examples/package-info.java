/**
 * Runnable examples: a cascade built in code ({@link io.cascade4j.examples.EmbeddedCascadeExample}), one described in
 * YAML ({@link io.cascade4j.examples.RoadworkDemo}), and a custom stage plugin ({@link
 * io.cascade4j.examples.SafetyColourStageProvider}) discovered through {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.cascade4j.examples;

import org.jspecify.annotations.NullMarked;
