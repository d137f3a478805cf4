/**
 * The OCR stage: sign text read by a pluggable OCR backend (Tesseract first) and judged by keyword rules in several
 * languages, tolerant of OCR errors, with END-of-roadwork phrases cancelling.
 */
@NullMarked
package io.cascade4j.ocr;

import org.jspecify.annotations.NullMarked;
