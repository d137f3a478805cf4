package io.cascade4j.examples.plugin;

/**
 * Bounds checked before an image is decoded, so that a small file that expands to gigapixels (a decompression bomb)
 * is refused instead of exhausting memory.
 *
 * @param maxBytes the largest encoded image accepted
 * @param maxPixels the largest width times height accepted
 */
public record ImageLimits(int maxBytes, long maxPixels) {}
