/** Raw detector outputs (YOLO and DETR layouts) to boxes, and letterbox coordinates back to the original image. */
@NullMarked
package io.cascade4j.detection.decode;

import org.jspecify.annotations.NullMarked;
