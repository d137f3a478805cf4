/**
 * Numbers about a cascade's answers on labelled data: the usual binary metrics (equal to scikit-learn's on the same
 * inputs) and the reward that NATIX StreetVision (subnet 72) validators compute.
 */
@NullMarked
package io.cascade4j.core.evaluation;

import org.jspecify.annotations.NullMarked;
