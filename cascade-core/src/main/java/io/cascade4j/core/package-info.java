/**
 * The cascade engine's public entry points.
 *
 * <p>Build a cascade from instances with {@link io.cascade4j.core.Cascades#builder(String)}, or from a YAML/JSON file
 * with {@link io.cascade4j.core.Cascades#load(java.nio.file.Path, io.cascade4j.core.ProviderRegistry,
 * io.cascade4j.core.CascadeListener...)}; replace a
 * running one without dropping queries with {@link io.cascade4j.core.SwappableCascade}; observe it with a {@link
 * io.cascade4j.core.CascadeListener}.
 */
@NullMarked
package io.cascade4j.core;

import org.jspecify.annotations.NullMarked;
