/**
 * Request authentication for servers that Bittensor validators call: who sent a request, proven from its head before
 * the server spends anything on it. {@link io.cascade4j.bittensor.auth.RequestAuthenticator} is the interface a
 * server uses; {@link io.cascade4j.bittensor.auth.AxonSignature} is the legacy axon protocol's scheme (sr25519 over
 * {@code nonce.caller.axon.uuid.body_hash}, with replay protection by {@link
 * io.cascade4j.bittensor.auth.NonceGuard}), which subnet 72 uses. Bittensor 11's {@code btauth/1} (a signature over
 * method, path, body hash, nonce and both hotkeys) fits the same interface.
 */
@NullMarked
package io.cascade4j.bittensor.auth;

import org.jspecify.annotations.NullMarked;
