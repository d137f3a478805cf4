/** Model files run through DJL: engine selection per stage and a pool of predictors with per-call native scopes. */
@NullMarked
package io.cascade4j.vision.model;

import org.jspecify.annotations.NullMarked;
