/**
 * Cascade configuration as data: the immutable {@link io.cascade4j.core.config.CascadeConfig} (built in code or read
 * from YAML/JSON by {@link io.cascade4j.core.config.CascadeConfigLoader}), before any provider turns it into stages.
 */
@NullMarked
package io.cascade4j.core.config;

import org.jspecify.annotations.NullMarked;
