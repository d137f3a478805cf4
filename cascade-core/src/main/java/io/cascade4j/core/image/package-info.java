/**
 * What every image stage needs before decoding, in plain Java: the format and dimensions from an image's first bytes
 * ({@link io.cascade4j.core.image.ImageHeader}), the limits a query image must keep, and the exception for input that
 * is not an image within them. Stages that never decode pixels (an HTTP judge) check images with these alone.
 */
@NullMarked
package io.cascade4j.core.image;

import org.jspecify.annotations.NullMarked;
