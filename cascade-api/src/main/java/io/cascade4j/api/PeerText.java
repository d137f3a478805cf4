package io.cascade4j.api;

/**
 * Text that came from outside the process (a caller's path, a server's reply, a parser's message quoting a body),
 * made safe to write into a log line or an error message.
 *
 * <p>Why: raw peer bytes in a log can forge lines (a CR or LF starts a fake entry), move the terminal (escape
 * sequences) or fill the disk. A quote keeps printable ASCII as it is, shows every other character as a backslash-u
 * escape of four hex digits (a line feed as {@code \\u000a}) and stops after a bounded length, so one event stays one
 * line of known size.
 */
public final class PeerText {
  private PeerText() {}

  /** {@code text} with every character outside printable ASCII escaped, cut after {@code maxChars} characters. */
  public static String quote(String text, int maxChars) {
    StringBuilder quoted = new StringBuilder(Math.min(text.length(), maxChars) + 16);
    int end = Math.min(text.length(), maxChars);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        quoted.append(c);
      } else if (c == '\\') {
        quoted.append("\\\\");
      } else {
        quoted.append(String.format("\\u%04x", (int) c));
      }
    }
    if (text.length() > maxChars) {
      quoted.append("... (").append(text.length() - maxChars).append(" more characters)");
    }
    return quoted.toString();
  }
}
