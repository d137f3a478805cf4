/**
 * The Bittensor synapse wire format, exactly as the Python reference speaks it: the {@code ImageSynapse} of subnet 72
 * with its {@code TerminalInfo} objects, their JSON and header forms, the body hash and the signed message.
 */
@NullMarked
package io.cascade4j.bittensor.protocol;

import org.jspecify.annotations.NullMarked;
