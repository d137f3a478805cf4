/**
 * The built-in ensembles, {@code weighted-mean}, {@code weighted-logit-mean}, {@code majority-vote}, {@code min} and
 * {@code max}: their factories for code ({@link io.cascade4j.core.ensemble.Ensembles}) and their providers for
 * configuration files.
 */
@NullMarked
package io.cascade4j.core.ensemble;

import org.jspecify.annotations.NullMarked;
