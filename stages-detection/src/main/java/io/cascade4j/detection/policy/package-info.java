/** Exit policies that read detectors' objects: agreement on roadwork or on nothing. */
@NullMarked
package io.cascade4j.detection.policy;

import org.jspecify.annotations.NullMarked;
