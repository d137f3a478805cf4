/**
 * The DJL vision stages and their providers: {@code classifier} (a fast gate model) and {@code embedding-head} (a
 * frozen backbone and a small head).
 */
@NullMarked
package io.cascade4j.vision.stage;

import org.jspecify.annotations.NullMarked;
