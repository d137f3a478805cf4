/**
 * A weight-free hazard detector on OpenCV: striped cones, barrier boards and hi-vis vests found by colour and
 * geometry, as a fast gate or a member of a detector group.
 */
@NullMarked
package io.cascade4j.detection.hazard;

import org.jspecify.annotations.NullMarked;
