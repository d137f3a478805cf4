/**
 * Generated street scenes with and without roadwork, deterministic by seed, with the label, the objects drawn and
 * their boxes: test data, demo data and training data that needs no download.
 */
@NullMarked
package io.cascade4j.scenes;

import org.jspecify.annotations.NullMarked;
