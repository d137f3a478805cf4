package io.cascade4j.bittensor.auth;

import org.jspecify.annotations.Nullable;

/** The part of an HTTP request that arrives first and that authentication schemes sign: method, path, headers. */
public interface RequestHead {
  String method();

  String path();

  /** The value of header {@code name} (case-insensitive), or null. */
  @Nullable String header(String name);
}
