/**
 * Small heads over frozen backbone embeddings: their shape, training with DJL (AdamW, cosine schedule, class weights,
 * early stopping) and loading for inference.
 */
@NullMarked
package io.cascade4j.vision.head;

import org.jspecify.annotations.NullMarked;
