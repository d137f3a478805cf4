/**
 * Vision stages. Decoding lives in {@link io.cascade4j.vision.image}, torchvision-exact preprocessing in
 * {@link io.cascade4j.vision.preprocess}; the DJL {@code classifier} and {@code embedding-head} stages that use them
 * are still to come (stages-vision issue).
 */
@NullMarked
package io.cascade4j.vision;

import org.jspecify.annotations.NullMarked;
