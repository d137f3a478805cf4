/**
 * The {@code cascade4j} command-line tool: one picocli command with a subcommand per job (demo, eval, calibrate,
 * training, the local validator, benchmarks, the miner). Everything here is the application's business, kept out of
 * the library jars: option parsing, exit codes, the logging backend, plugin folders and the installation's defaults.
 */
@NullMarked
package io.cascade4j.cli;

import org.jspecify.annotations.NullMarked;
