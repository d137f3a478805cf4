/**
 * The cryptography a Bittensor axon needs, in pure Java: sr25519 (schnorrkel) signatures over ristretto255 with the
 * merlin transcript, SS58 addresses and the synapse body hash. Checked against published vectors.
 */
@NullMarked
package io.cascade4j.bittensor.crypto;

import org.jspecify.annotations.NullMarked;
