package io.cascade4j.vision.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.vision.head.EmbeddingBackbone.Pooling;
import io.cascade4j.vision.model.ModelOutput;
import org.junit.jupiter.api.Test;

/**
 * Token pooling as timm defines it: {@code avg} averages the patch tokens after {@code num_prefix_tokens} class and
 * register tokens (timm's {@code VisionTransformer.forward_head}: {@code x[:, num_prefix_tokens:].mean(dim=1)}),
 * {@code token} takes the first. A DINOv3-shaped output (1 class + 4 register + 14x14 patch tokens) where each
 * token's value is its index makes every choice visible.
 */
class TokenPoolingTest {
  private static ModelOutput tokens(int count) {
    float[] v = new float[count * 2];
    for (int t = 0; t < count; t++) {
      v[2 * t] = t;
      v[2 * t + 1] = -t;
    }
    return new ModelOutput(v, new long[] {1, count, 2});
  }

  @Test
  void meanPatchLeavesOutTheClassAndRegisterTokensReadFromTheShape() {
    ModelOutput dinov3 = tokens(5 + 196);
    double patchMean = (5 + 200) / 2.0; // tokens 5..200
    assertThat(EmbeddingBackbone.pool(dinov3, Pooling.AUTO, -1, 224, 224)).containsExactly((float) patchMean,
        (float) -patchMean);
    assertThat(EmbeddingBackbone.pool(dinov3, Pooling.MEAN_PATCH, -1, 224, 224)).containsExactly((float) patchMean,
        (float) -patchMean);
    assertThat(EmbeddingBackbone.pool(dinov3, Pooling.MEAN_ALL, -1, 224, 224)).containsExactly(100f, -100f);
    assertThat(EmbeddingBackbone.pool(dinov3, Pooling.CLS, -1, 224, 224)).containsExactly(0f, 0f);
    assertThat(EmbeddingBackbone.pool(dinov3, Pooling.MEAN_PATCH, 1, 224, 224)).containsExactly(100.5f, -100.5f);
  }

  @Test
  void prefixTokensAreInferredForTheUsualTowers() {
    assertThat(EmbeddingBackbone.inferPrefixTokens(257, 224, 224)).as("DINOv2 ViT-S/14").isEqualTo(1);
    assertThat(EmbeddingBackbone.inferPrefixTokens(201, 224, 224)).as("DINOv3 ViT-S/16, 4 registers").isEqualTo(5);
    assertThat(EmbeddingBackbone.inferPrefixTokens(197, 224, 224)).as("CLIP ViT-B/16").isEqualTo(1);
    assertThat(EmbeddingBackbone.inferPrefixTokens(196, 224, 224)).as("SigLIP B/16").isZero();
    assertThat(EmbeddingBackbone.inferPrefixTokens(1 + 24 * 32, 384, 512)).as("non-square").isEqualTo(1);
  }

  @Test
  void shapesThatDoNotFitAreRefusedWithWhatToSet() {
    assertThatThrownBy(() -> EmbeddingBackbone.pool(tokens(150), Pooling.AUTO, -1, 224, 224))
        .hasMessageContaining("set prefix-tokens");
    assertThatThrownBy(() -> EmbeddingBackbone.pool(tokens(201), Pooling.NONE, -1, 224, 224))
        .hasMessageContaining("choose pooling cls, mean-patch");
    ModelOutput vector = new ModelOutput(new float[] {1, 2}, new long[] {1, 2});
    assertThat(EmbeddingBackbone.pool(vector, Pooling.NONE, -1, 224, 224)).containsExactly(1f, 2f);
    assertThatThrownBy(() -> EmbeddingBackbone.pool(vector, Pooling.MEAN_PATCH, -1, 224, 224))
        .hasMessageContaining("needs tokens");
    assertThatThrownBy(() -> Pooling.parse("mean")).hasMessageContaining("mean is ambiguous");
    assertThat(Pooling.parse("mean-patch")).isEqualTo(Pooling.MEAN_PATCH);
    assertThat(Pooling.MEAN_ALL).hasToString("mean-all");
  }
}
