package io.cascade4j.miner.axon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;

/**
 * A new connection must deliver a whole request head within {@code deadline}, or it is closed.
 *
 * <p>Why: the idle timeout only bounds the silence between bytes, so a client sending one header byte every few
 * seconds keeps a connection for ever; hundreds of them fill the connection cap and lock validators out. A validator
 * sends its head at once, so a few seconds is ample for it.
 */
final class HeaderDeadline implements Connection.Listener {
  /** One daemon timer for every axon: a check is a few instructions, and a stopped miner leaves it idle. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("axon-header-deadline").factory());

  private final long deadlineMillis;

  HeaderDeadline(Duration deadline) {
    this.deadlineMillis = deadline.toMillis();
  }

  @Override
  public void onOpened(Connection connection) {
    TIMER.schedule(() -> {
      // getMessagesIn counts requests whose head was parsed; none by now means the head is still trickling in.
      if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
        connection.getEndPoint().close();
      }
    }, deadlineMillis, TimeUnit.MILLISECONDS);
  }
}
