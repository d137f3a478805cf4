package io.cascade4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportFloorTest {
  @Test
  void answersEachRequestOnAKeptAliveConnectionWithItsOwnBody() throws IOException {
    try (TransportFloor floor = TransportFloor.start(); Socket socket = new Socket("127.0.0.1", floor.port())) {
      socket.setSoTimeout(10_000);
      Random random = new Random(7);
      // Small, then larger than the first buffer (64 KB), then small again on the same connection.
      for (int length : new int[] {0, 5, 300_000, 17}) {
        byte[] body = new byte[length];
        random.nextBytes(body);
        byte[] head = ("POST /ImageSynapse HTTP/1.1\r\nHost: x\r\nCONTENT-LENGTH: " + length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        // The head in two pieces, split inside its final CRLF CRLF, as TCP may deliver it.
        out.write(head, 0, head.length - 2);
        out.flush();
        out.write(head, head.length - 2, 2);
        out.write(body);
        out.flush();
        assertThat(readAnswer(socket.getInputStream())).isEqualTo(body);
      }
    }
  }

  @Test
  void closesAConnectionWhoseRequestIsLargerThanItsBound() throws IOException {
    try (TransportFloor floor = TransportFloor.start(); Socket socket = new Socket("127.0.0.1", floor.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST / HTTP/1.1\r\nContent-Length: " + (TransportFloor.MAX_REQUEST + 1)
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  /** Reads one answer: checks its status line, returns its body. */
  private static byte[] readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      assertThat(b).isNotEqualTo(-1);
      head.write(b);
      byte[] h = head.toByteArray();
      if (h.length >= 4 && Arrays.equals(h, h.length - 4, h.length, new byte[] {'\r', '\n', '\r', '\n'}, 0, 4)) {
        break;
      }
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    assertThat(text).startsWith("HTTP/1.1 200 OK\r\n");
    int at = text.indexOf("Content-Length: ") + "Content-Length: ".length();
    int length = Integer.parseInt(text.substring(at, text.indexOf('\r', at)));
    return in.readNBytes(length);
  }
}
