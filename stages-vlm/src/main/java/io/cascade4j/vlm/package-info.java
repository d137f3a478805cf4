/**
 * The vision-language judge: a stage that asks an OpenAI-compatible server (vLLM, SGLang, llama.cpp, Ollama) about
 * the image over HTTP. Plain Java on purpose, so a service that only calls a remote model carries no native library.
 * OCR sign reading lives in {@code stages-ocr}, zero-shot prompts in {@code stages-vision}.
 */
@NullMarked
package io.cascade4j.vlm;

import org.jspecify.annotations.NullMarked;
