/**
 * JMH benchmarks. {@link io.cascade4j.benchmarks.OverheadReport} runs {@link
 * io.cascade4j.benchmarks.EngineOverheadBenchmark} and prints the engine's cost per query.
 */
@NullMarked
package io.cascade4j.benchmarks;

import org.jspecify.annotations.NullMarked;
