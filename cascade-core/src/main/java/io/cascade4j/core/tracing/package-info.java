/**
 * Optional OpenTelemetry tracing of queries through the listener hook: a span per query with a child span per stage.
 * OpenTelemetry's API is an optional dependency; the application chooses the SDK and the exporter.
 */
@NullMarked
package io.cascade4j.core.tracing;

import org.jspecify.annotations.NullMarked;
