/**
 * Optional Micrometer metrics for cascades: add micrometer-core to the class path and register a {@link
 * io.cascade4j.core.metrics.MicrometerCascadeListener}.
 */
@NullMarked
package io.cascade4j.core.metrics;

import org.jspecify.annotations.NullMarked;
