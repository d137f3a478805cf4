/** Box post-processing shared by detector stages: non-maximum suppression and weighted boxes fusion. */
@NullMarked
package io.cascade4j.detection.box;

import org.jspecify.annotations.NullMarked;
