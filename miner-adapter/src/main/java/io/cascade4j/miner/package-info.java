/**
 * The Bittensor axon for subnet 72 (NATIX StreetVision) that serves a cascade to validators. The module builds now
 * so that the reactor and the BOM are complete; the axon arrives with the miner-adapter issue.
 */
@NullMarked
package io.cascade4j.miner;

import org.jspecify.annotations.NullMarked;
