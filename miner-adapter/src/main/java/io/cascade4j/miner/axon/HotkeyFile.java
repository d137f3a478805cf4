package io.cascade4j.miner.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.api.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads the secret seed of a Bittensor hotkey file ({@code ~/.bittensor/wallets/NAME/hotkeys/HOTKEY}, the unencrypted
 * JSON that btwallet writes: {@code {"secretSeed": "0x...", "ss58Address": "5...", ...}}). Problems are reported
 * without ever quoting the file's content.
 */
final class HotkeyFile {
  private HotkeyFile() {}

  /** The key the problem belongs to: the wallet section or the file setting. */
  private static String key(Settings settings) {
    return settings.has("wallet") ? "wallet" : "hotkey-file";
  }

  static @Nullable String secretSeed(Path file, Settings settings) {
    try {
      if (Files.size(file) > 64 * 1024) {
        settings.problem(key(settings), file + " is too large to be a hotkey file");
        return null;
      }
      JsonNode node = new ObjectMapper().readTree(file.toFile());
      JsonNode seed = node == null ? null : node.get("secretSeed");
      if (seed == null || !seed.isTextual()) {
        settings.problem(key(settings), file + " has no 'secretSeed' (is it an encrypted coldkey, or not a hotkey"
            + " file?)");
        return null;
      }
      return seed.textValue();
    } catch (IOException e) {
      settings.problem(key(settings), "cannot read " + file + " as a hotkey file (" + e.getClass().getSimpleName()
          + ")");
      return null;
    }
  }
}
