package io.cascade4j.miner.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.api.PeerText;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Errors that Jetty answers itself, before a handler runs (a malformed request line, a request head over {@code
 * max-header-bytes}: 400, 431), in the axon's own shape, {@code {"message": "..."}} as JSON, instead of Jetty's HTML
 * page: a dendrite reads every error the same way, and no server internals or stack traces are shown.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  JsonErrorHandler() {
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, @Nullable String message,
      @Nullable Throwable cause, Callback callback) throws java.io.IOException {
    String reason = HttpStatus.getMessage(code);
    // Jetty's message may quote the request (a bad header); quoted, it can neither forge a log line nor run long.
    String text = message == null || message.isBlank() ? reason : PeerText.quote(message, 200);
    byte[] body = JSON.writeValueAsBytes(Map.of("message", text));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
