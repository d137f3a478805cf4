/**
 * A small Subtensor client: JSON-RPC over WebSocket, a SCALE codec, a metadata guard, the metagraph of a subnet and
 * the {@code serve_axon} extrinsic, so that a Java miner needs no Python SDK. Layouts follow the Subtensor runtime
 * source and are checked against real recorded finney exchanges.
 */
@NullMarked
package io.cascade4j.bittensor.chain;

import org.jspecify.annotations.NullMarked;
