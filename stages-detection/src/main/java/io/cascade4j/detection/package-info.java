/**
 * Detection stages: YOLO and DETR detectors through DJL, NMS and weighted box fusion, and roadwork evidence from the
 * objects found: output decoding in {@link io.cascade4j.detection.decode}, box post-processing in {@link
 * io.cascade4j.detection.box}, the {@code detector} stage in {@link io.cascade4j.detection.stage}.
 */
@NullMarked
package io.cascade4j.detection;

import org.jspecify.annotations.NullMarked;
