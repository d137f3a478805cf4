package io.cascade4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The least any HTTP server can do with the axon's traffic: read each HTTP/1.1 request (head and Content-Length
 * body) on a kept-alive loopback connection and send its body straight back as a 200, one platform thread, one
 * selector, one direct buffer per connection, no parsing beyond the head's end and its Content-Length. Measured with
 * the load generator's own requests, its CPU per request is the transport's floor on this machine: loopback TCP, the
 * system calls and the bytes moved both ways, which a real axon pays before verifying or answering anything.
 *
 * <p>Only for {@link AxonLoadBenchmark} on loopback: it trusts its client (a request whose head has no
 * Content-Length is answered as bodiless, one larger than {@link #MAX_REQUEST} closes the connection).
 */
final class TransportFloor implements AutoCloseable {
  /** Larger than any request the load benchmark sends (a 1920x1080 JPEG's base64 and a signed head). */
  static final int MAX_REQUEST = 64 << 20;

  private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocketChannel server;
  private final Selector selector;
  private final Thread thread;
  private volatile boolean closing;

  private TransportFloor(ServerSocketChannel server, Selector selector) {
    this.server = server;
    this.selector = selector;
    this.thread = Thread.ofPlatform().name("transport-floor").daemon().start(this::serve);
  }

  /** Listens on an ephemeral loopback port. */
  static TransportFloor start() throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    server.configureBlocking(false);
    Selector selector = Selector.open();
    server.register(selector, SelectionKey.OP_ACCEPT);
    return new TransportFloor(server, selector);
  }

  int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  private void serve() {
    try {
      while (!closing) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            SocketChannel channel = server.accept();
            if (channel != null) {
              channel.configureBlocking(false);
              channel.register(selector, SelectionKey.OP_READ, new Exchange());
            }
          } else {
            Exchange exchange = (Exchange) key.attachment();
            try {
              if (key.isWritable() ? !exchange.write(key) : !exchange.read(key)) {
                key.cancel();
                key.channel().close();
              }
            } catch (IOException e) {
              key.cancel();
              key.channel().close();
            }
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      if (!closing) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    closing = true;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SelectionKey key : selector.keys()) {
      key.channel().close();
    }
    selector.close();
    server.close();
  }

  /** One connection's request being read, or its answer being written. */
  private static final class Exchange {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    private int headEnd = -1; // the body's first byte once the head is in
    private long requestLength;
    private ByteBuffer[] answer;

    /** Reads what arrived; false when the peer closed or sent too much. */
    boolean read(SelectionKey key) throws IOException {
      if (((SocketChannel) key.channel()).read(buffer) < 0) {
        return false;
      }
      if (headEnd < 0) {
        headEnd = endOfHead();
        if (headEnd < 0) {
          return buffer.hasRemaining() || grow(buffer.capacity() * 2L);
        }
        requestLength = headEnd + contentLength();
        if (requestLength > MAX_REQUEST || (requestLength > buffer.capacity() && !grow(requestLength))) {
          return false;
        }
      }
      if (buffer.position() < requestLength) {
        return true;
      }
      ByteBuffer body = buffer.duplicate().limit((int) requestLength).position(headEnd).slice();
      byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.remaining()
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      answer = new ByteBuffer[] {ByteBuffer.wrap(head), body};
      return write(key);
    }

    /** Writes what the socket takes of the answer; when all is sent, readies the connection for its next request. */
    boolean write(SelectionKey key) throws IOException {
      ((SocketChannel) key.channel()).write(answer);
      if (answer[1].hasRemaining()) {
        key.interestOps(SelectionKey.OP_WRITE);
        return true;
      }
      // One request at a time per connection (the load generator waits for each answer), so nothing follows it.
      buffer.clear();
      headEnd = -1;
      answer = null;
      key.interestOps(SelectionKey.OP_READ);
      return true;
    }

    private boolean grow(long capacity) {
      if (capacity > MAX_REQUEST) {
        return false;
      }
      ByteBuffer larger = ByteBuffer.allocateDirect((int) capacity);
      larger.put(buffer.flip());
      buffer = larger;
      return true;
    }

    private int endOfHead() {
      for (int i = 3; i < buffer.position(); i++) {
        if (buffer.get(i) == '\n' && buffer.get(i - 1) == '\r' && buffer.get(i - 2) == '\n'
            && buffer.get(i - 3) == '\r') {
          return i + 1;
        }
      }
      return -1;
    }

    private long contentLength() {
      outer:
      for (int i = 0; i + CONTENT_LENGTH.length <= headEnd; i++) {
        for (int j = 0; j < CONTENT_LENGTH.length; j++) {
          if (Character.toLowerCase(buffer.get(i + j)) != CONTENT_LENGTH[j]) {
            continue outer;
          }
        }
        long length = 0;
        for (int k = i + CONTENT_LENGTH.length; k < headEnd && buffer.get(k) != '\r'; k++) {
          byte b = buffer.get(k);
          if (b >= '0' && b <= '9') {
            length = Math.min(MAX_REQUEST + 1L, length * 10 + (b - '0'));
          }
        }
        return length;
      }
      return 0;
    }
  }
}
