/** The {@code detector} stage and the rule that turns counted objects into roadwork evidence. */
@NullMarked
package io.cascade4j.detection.stage;

import org.jspecify.annotations.NullMarked;
