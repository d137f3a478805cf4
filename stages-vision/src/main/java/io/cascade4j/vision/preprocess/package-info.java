/**
 * Preprocessing configured per stage and exact to the Python pipelines models were trained with: PIL's antialiased
 * resize filters bit for bit, torchvision's tensor interpolation, centre crops, letterboxing, normalisation presets,
 * tensor layouts, and import from Hugging Face and timm preprocessing configs.
 */
@NullMarked
package io.cascade4j.vision.preprocess;

import org.jspecify.annotations.NullMarked;
