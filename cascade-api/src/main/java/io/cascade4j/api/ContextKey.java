package io.cascade4j.api;

import java.util.Objects;

/**
 * A typed key for a value shared between the stages of one query through {@link QueryContext}.
 *
 * <p>Keys compare by identity, so two plugins that pick the same name never see each other's values: share a key
 * by sharing the constant.
 *
 * <pre>{@code
 * static final ContextKey<DecodedImage> DECODED = ContextKey.of("decoded-rgb", DecodedImage.class);
 * DecodedImage image = context.computeIfAbsent(DECODED, ctx -> decoder.decode(ctx.query().image()));
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class ContextKey<T> {
  private final String name;
  private final Class<T> type;

  private ContextKey(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  /** A new key; the name is for messages only. */
  public static <T> ContextKey<T> of(String name, Class<T> type) {
    return new ContextKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"));
  }

  /** The name given at creation. */
  public String name() {
    return name;
  }

  /** The type of the values stored under this key. */
  public Class<T> type() {
    return type;
  }

  @Override
  public String toString() {
    return "ContextKey[" + name + ": " + type.getSimpleName() + "]";
  }
}
