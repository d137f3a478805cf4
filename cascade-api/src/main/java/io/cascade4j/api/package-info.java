/**
 * The cascade4j SPI and its value types.
 *
 * <p>A {@link io.cascade4j.api.Cascade} answers a {@link io.cascade4j.api.Query} with an {@link
 * io.cascade4j.api.Answer}. It runs {@link io.cascade4j.api.Stage}s in order; after each one (or after a
 * parallel group, whose members an {@link io.cascade4j.api.Ensemble} combines) an {@link
 * io.cascade4j.api.ExitPolicy} decides whether to answer now. Plugins contribute stages, policies and ensembles
 * through {@link io.cascade4j.api.StageProvider}, {@link io.cascade4j.api.ExitPolicyProvider} and {@link
 * io.cascade4j.api.EnsembleProvider}, discovered with {@link java.util.ServiceLoader} and configured through
 * {@link io.cascade4j.api.Settings}.
 *
 * <p>This package depends on nothing but the JDK and JSpecify, so that a plugin can implement it without pulling
 * in an engine.
 */
@NullMarked
package io.cascade4j.api;

import org.jspecify.annotations.NullMarked;
