/**
 * JMH benchmarks. {@code cascade4j bench} (the command line) runs {@link
 * io.cascade4j.benchmarks.EngineOverheadBenchmark}, prints the engine's cost per query and checks it against the
 * committed goal in {@code benchmarks/baseline.json}.
 */
@NullMarked
package io.cascade4j.benchmarks;

import org.jspecify.annotations.NullMarked;
