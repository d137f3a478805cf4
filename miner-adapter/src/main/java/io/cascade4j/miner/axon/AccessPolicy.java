package io.cascade4j.miner.axon;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Who may call: hotkeys on the deny list never; hotkeys on the allow list always; anyone else only if the current
 * metagraph snapshot lists them with a validator permit (when required) and at least the minimum stake. Unknown
 * callers get 403 with a clear reason (the reference miner answers 500). The snapshot can be replaced at any time.
 */
final class AccessPolicy {
  private final Set<String> allow;
  private final Set<String> deny;
  private final boolean requireValidatorPermit;
  private final double minStake;
  private final AtomicReference<@Nullable Metagraph> metagraph = new AtomicReference<>();

  AccessPolicy(Set<String> allow, Set<String> deny, boolean requireValidatorPermit, double minStake) {
    this.allow = Set.copyOf(allow);
    this.deny = Set.copyOf(deny);
    this.requireValidatorPermit = requireValidatorPermit;
    this.minStake = minStake;
  }

  void useMetagraph(Metagraph snapshot) {
    metagraph.set(snapshot);
  }

  @Nullable Metagraph metagraph() {
    return metagraph.get();
  }

  /** Throws a 403 {@link Rejection} with the reference's wording unless {@code hotkey} may call. */
  void check(String hotkey) throws Rejection {
    if (deny.contains(hotkey)) {
      throw forbidden("denied", "hotkey " + hotkey + " is on the deny list");
    }
    if (allow.contains(hotkey)) {
      return;
    }
    Metagraph snapshot = metagraph.get();
    if (snapshot == null) {
      throw forbidden("no_metagraph", "no metagraph snapshot is loaded and " + hotkey + " is not on the allow list");
    }
    Metagraph.Neuron neuron = snapshot.neuron(hotkey).orElseThrow(() -> forbidden("unregistered",
        "hotkey " + hotkey + " is not registered on subnet " + snapshot.netuid()));
    if (requireValidatorPermit && !neuron.validatorPermit()) {
      throw forbidden("no_permit", "hotkey " + hotkey + " (uid " + neuron.uid() + ") has no validator permit");
    }
    if (neuron.stake() < minStake) {
      throw forbidden("low_stake", String.format(Locale.ROOT,
          "hotkey %s (uid %d) has stake %.2f, below the minimum %.2f", hotkey, neuron.uid(), neuron.stake(),
          minStake));
    }
  }

  private static Rejection forbidden(String reason, String detail) {
    return new Rejection(403, reason, "Forbidden. Key is blacklisted: " + detail + ".");
  }
}
