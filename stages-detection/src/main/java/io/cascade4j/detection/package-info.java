/**
 * Detection stages: YOLO and DETR detectors through DJL, NMS and weighted box fusion, and roadwork evidence from the
 * objects found. Output decoding is in {@link io.cascade4j.detection.decode}, box post-processing in {@link
 * io.cascade4j.detection.box}; the detector stages themselves arrive
 * with the rest of the stages-detection issue.
 */
@NullMarked
package io.cascade4j.detection;

import org.jspecify.annotations.NullMarked;
