/**
 * Language-grounded stages: a vision-language judge over OpenAI-compatible servers, OCR of road signs and zero-shot
 * text prompts. The module builds now so that the reactor and the BOM are complete; its stages arrive with the
 * stages-vlm issue.
 */
@NullMarked
package io.cascade4j.vlm;

import org.jspecify.annotations.NullMarked;
