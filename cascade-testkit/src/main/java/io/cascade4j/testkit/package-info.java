/**
 * Compatibility kits and fixtures for stage, exit policy and ensemble authors.
 *
 * <p>Each kit is an abstract JUnit Jupiter class: extend it, say how to make your provider and which settings are
 * valid and invalid, and it checks what every implementation owes the engine (discovery, clear configuration
 * errors, thread safety, outputs in range, idempotent close, clear errors on bad input). {@link
 * io.cascade4j.testkit.TestImages} makes small encoded images and {@link io.cascade4j.testkit.TestQueryContext} runs
 * a stage without an engine.
 */
@NullMarked
package io.cascade4j.testkit;

import org.jspecify.annotations.NullMarked;
