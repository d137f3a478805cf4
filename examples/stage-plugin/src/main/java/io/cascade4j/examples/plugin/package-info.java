/**
 * An example stage plugin in its own module: {@code safety-colour}, P(roadwork) from the share of pixels in a colour
 * band. It builds against {@code cascade-api} alone and registers its provider in {@code META-INF/services}.
 */
@NullMarked
package io.cascade4j.examples.plugin;

import org.jspecify.annotations.NullMarked;
