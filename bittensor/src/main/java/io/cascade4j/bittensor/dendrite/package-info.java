/**
 * A Java dendrite: signs and sends synapses to an axon exactly as the Python dendrite does. Used by the tests and by
 * the local validator.
 */
@NullMarked
package io.cascade4j.bittensor.dendrite;

import org.jspecify.annotations.NullMarked;
