package io.cascade4j.bittensor.auth;

/**
 * Proves who sent a request, from its head alone, so that a server can refuse an unknown or forged caller before it
 * takes a slot or reads a body (admission before cost). The body enters through a hash the caller signs, checked
 * against the body once it is read.
 *
 * <p>Two steps, because the access policy (is this hotkey allowed at all?) is cheap and a signature check is not:
 * the server asks for the {@linkplain #claimedCaller claimed caller}, checks its policy, then {@linkplain #verify
 * verifies}. Implementations are thread-safe.
 */
public interface RequestAuthenticator {
  /**
   * The SS58 hotkey the request says it comes from, read without any cryptography.
   *
   * @throws AuthenticationException if the head names no caller
   */
  String claimedCaller(RequestHead head) throws AuthenticationException;

  /**
   * Verifies the head's credentials (signature, freshness, replay) and records what replay protection needs.
   *
   * @return the verified caller's SS58 hotkey
   * @throws AuthenticationException if any credential is missing, malformed, stale, replayed or does not verify
   */
  String verify(RequestHead head) throws AuthenticationException;
}
