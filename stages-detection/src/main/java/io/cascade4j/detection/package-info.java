/**
 * Detection stages: YOLO and DETR detectors through DJL, NMS and weighted box fusion, and roadwork evidence from the
 * objects found. The module builds now so that the reactor and the BOM are complete; its stages arrive with the
 * stages-detection issue.
 */
@NullMarked
package io.cascade4j.detection;

import org.jspecify.annotations.NullMarked;
