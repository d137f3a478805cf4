package io.cascade4j.api;

/**
 * One step of a cascade: looks at a query and returns {@link Evidence}.
 *
 * <p>Stages are created by a {@link StageProvider} and live as long as the cascade that holds them. They must be
 * thread-safe (many queries run at once, and members of a parallel group share a context) or pool what is not, such
 * as DJL predictors. Work that several stages need (decoding the image, a resized tensor) goes through {@link
 * QueryContext#computeIfAbsent} so that it happens once per query.
 *
 * <p>A stage may throw: the engine records the failure in the trace and the cascade goes on without it. A stage that
 * blocks should respond to interruption, which is how the engine cancels it when its time is up.
 *
 * <pre>{@code
 * final class BrightnessStage implements Stage {
 *   private static final ContextKey<BufferedImage> PIXELS = ContextKey.of("pixels", BufferedImage.class);
 *
 *   @Override
 *   public Evidence evaluate(QueryContext context) throws IOException {
 *     BufferedImage image = context.computeIfAbsent(PIXELS, ctx -> decode(ctx.query().image()));
 *     double brightness = meanLuma(image);            // 0..1
 *     return Evidence.of(brightness).withExtra("brightness", brightness);
 *   }
 * }
 * }</pre>
 */
public interface Stage extends AutoCloseable {

  /**
   * Evaluates one query.
   *
   * @param context the query and what its other stages share
   * @return the stage's evidence, never null ({@link Evidence#abstain()} for no opinion)
   * @throws Exception if the stage cannot judge this query (undecodable image, model error, I/O); the message
   *     should say what failed
   */
  Evidence evaluate(QueryContext context) throws Exception;

  /**
   * Releases what the stage holds (models, pools, connections). The engine calls it once, when the cascade closes;
   * implementations should still tolerate a second call. Failures to release are the stage's to log: they must not
   * stop the other stages from closing, so this method throws nothing checked.
   */
  @Override
  default void close() {}

  /**
   * Whether this stage can answer right now. Stages that guard a dependency with a circuit breaker report its
   * state; the rest keep this default.
   */
  default StageHealth health() {
    return StageHealth.up();
  }

  /**
   * How long a call is expected to take once warm, when the stage knows (it warmed itself up at load, say): the
   * cascade's deadline logic starts from it instead of from the first, cold call. Empty by default.
   */
  default java.util.Optional<java.time.Duration> expectedLatency() {
    return java.util.Optional.empty();
  }
}
