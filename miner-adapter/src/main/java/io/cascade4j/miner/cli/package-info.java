/** The {@code miner} command line: {@code miner serve --config miner.yaml}. */
@NullMarked
package io.cascade4j.miner.cli;

import org.jspecify.annotations.NullMarked;
