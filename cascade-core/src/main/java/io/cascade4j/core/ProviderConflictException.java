package io.cascade4j.core;

import java.io.Serial;
import java.util.List;

/** Two discovered plugins claim the same type id. The message names both classes and where they came from. */
public final class ProviderConflictException extends IllegalStateException {
  @Serial private static final long serialVersionUID = 1L;

  ProviderConflictException(List<String> conflicts) {
    super(String.join("\n", conflicts));
  }
}
