/**
 * Vision stages: image decoding and torchvision-exact preprocessing with OpenCV, and the DJL {@code classifier} and
 * {@code embedding-head} stages. The module builds now so that the reactor and the BOM are complete; its stages
 * arrive with the stages-vision issue.
 */
@NullMarked
package io.cascade4j.vision;

import org.jspecify.annotations.NullMarked;
