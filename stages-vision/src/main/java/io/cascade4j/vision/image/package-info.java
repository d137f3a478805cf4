/**
 * Decoding encoded query images into 8-bit RGB with OpenCV: formats, size limits checked before allocation, EXIF
 * orientation policy, and the per-query shared decode.
 */
@NullMarked
package io.cascade4j.vision.image;

import org.jspecify.annotations.NullMarked;
