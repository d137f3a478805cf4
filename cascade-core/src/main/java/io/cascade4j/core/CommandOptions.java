package io.cascade4j.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --key value} options of the project's commands (train-head, fit-rule), checked against the known and
 * required keys so a typo fails with a message instead of being ignored.
 */
public final class CommandOptions {
  private CommandOptions() {}

  /**
   * The options in {@code args}, in order.
   *
   * @throws IllegalArgumentException naming the first argument that is not a known {@code --key value} pair, or a
   *     missing required key
   */
  public static Map<String, String> parse(String[] args, List<String> known, List<String> required) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got '" + args[i] + "'");
      }
      String key = args[i].substring(2);
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key + " (known: --" + String.join(", --", known)
            + ")");
      }
      options.put(key, args[++i]);
    }
    for (String key : required) {
      if (!options.containsKey(key)) {
        throw new IllegalArgumentException("--" + key + " is required");
      }
    }
    return options;
  }
}
