/**
 * Roadwork evidence from detected objects: the {@code objects} extra detectors write ({@link DetectedObjects}), the
 * rules that turn objects into P(roadwork) ({@link ObjectRule}: thresholds or a fitted logistic model), and the
 * command that fits the logistic model on labelled images ({@link FitObjectRule}).
 */
@NullMarked
package io.cascade4j.detection.evidence;

import org.jspecify.annotations.NullMarked;
