package io.cascade4j.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a cascade is asked: one image or a short sequence of frames, an id, an optional deadline and free
 * attributes (for example the caller's hotkey or the challenge type), which stages may read but the engine ignores.
 *
 * <pre>{@code
 * Query query = Query.builder(EncodedImage.jpeg(bytes))
 *     .id("challenge-42")
 *     .deadline(Instant.now().plusSeconds(8))
 *     .attribute("caller", hotkey)
 *     .build();
 * }</pre>
 *
 * @param id identifies the query in traces and logs
 * @param frames the image, or the frames of a clip in order; never empty
 * @param deadline when the answer is due, if the caller has a deadline; the cascade's own deadline applies too
 * @param attributes free key-value pairs
 */
public record Query(
    String id, List<EncodedImage> frames, @Nullable Instant deadline, Map<String, String> attributes) {

  /** Validates and copies the components. */
  public Query {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a query id must not be blank");
    }
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a query needs at least one image, got none");
    }
    attributes = Map.copyOf(attributes);
  }

  /** A query for one image, with a random id and no deadline of its own. */
  public static Query of(EncodedImage image) {
    return builder(image).build();
  }

  /** A builder for a query about one image (add more with {@link Builder#frame}). */
  public static Builder builder(EncodedImage first) {
    return new Builder(first);
  }

  /** The first (for a single image, the only) frame. */
  public EncodedImage image() {
    return frames.getFirst();
  }

  /** Whether this query carries a clip rather than a single image. */
  public boolean isSequence() {
    return frames.size() > 1;
  }

  /** The caller's deadline, if any. */
  public Optional<Instant> deadlineIfAny() {
    return Optional.ofNullable(deadline);
  }

  /** Builds a {@link Query}. Not thread-safe. */
  public static final class Builder {
    private final List<EncodedImage> frames = new java.util.ArrayList<>();
    private final Map<String, String> attributes = new java.util.LinkedHashMap<>();
    private @Nullable String id;
    private @Nullable Instant deadline;

    private Builder(EncodedImage first) {
      frames.add(Objects.requireNonNull(first, "image"));
    }

    /** Adds a further frame of a clip. */
    public Builder frame(EncodedImage frame) {
      frames.add(Objects.requireNonNull(frame, "frame"));
      return this;
    }

    /** Sets the id; a random UUID otherwise. */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Sets the caller's deadline. */
    public Builder deadline(Instant deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** Adds a free attribute. */
    public Builder attribute(String key, String value) {
      attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Builds the query. */
    public Query build() {
      return new Query(
          id == null ? UUID.randomUUID().toString() : id, frames, deadline, attributes);
    }
  }
}
