/**
 * The evaluation report of {@code cascade4j eval}: one self-contained HTML file (no scripts, nothing fetched) with
 * charts drawn by JFreeChart into inline SVG, so every axis has its ticks, values and label.
 */
@NullMarked
package io.cascade4j.cli.report;

import org.jspecify.annotations.NullMarked;
