/**
 * The VLM judge: a vision-language model behind an OpenAI-compatible {@code /v1/chat/completions} endpoint, asked for
 * one yes/no token with log-probabilities, with deadline-bounded calls, retries, a concurrency limit and a circuit
 * breaker.
 */
@NullMarked
package io.cascade4j.vlm.judge;

import org.jspecify.annotations.NullMarked;
