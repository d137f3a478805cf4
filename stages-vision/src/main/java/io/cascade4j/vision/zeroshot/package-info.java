/**
 * Zero-shot prompts: a CLIP/SigLIP image tower and text-prompt embeddings computed offline, P(roadwork) from a
 * softmax over the prompt similarities.
 */
@NullMarked
package io.cascade4j.vision.zeroshot;

import org.jspecify.annotations.NullMarked;
