/**
 * The axon: an HTTP/1.1 server that speaks the Bittensor synapse protocol to subnet 72 validators and answers with a
 * cascade. Stricter than the reference where the reference has holes: a signature is always required, nonces from the
 * far future are refused, unknown callers get 403, and every input is size-limited.
 */
@NullMarked
package io.cascade4j.miner.axon;

import org.jspecify.annotations.NullMarked;
