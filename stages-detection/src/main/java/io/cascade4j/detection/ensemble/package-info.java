/** Ensembles over detector groups: weighted boxes fusion of the members' objects, then an object-count rule. */
@NullMarked
package io.cascade4j.detection.ensemble;

import org.jspecify.annotations.NullMarked;
