package io.cascade4j.miner.axon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.SelectorManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each peer address may hold at most {@code share} of an axon's connections; one more is closed as it is accepted.
 *
 * <p>Why: the connection cap ({@code max-connections}) alone can be filled by one host opening hundreds of connections
 * and trickling header bytes, and then no validator can connect at all. With a share per address, one host takes at
 * most its share, and the rest of the cap stays free for everyone else. (A validator's aiohttp pool holds up to 100
 * connections; the default share of 128 is above that. Behind a reverse proxy every peer is the proxy's address.)
 */
final class PeerConnectionShare implements SelectorManager.AcceptListener {
  private static final Logger log = LoggerFactory.getLogger(PeerConnectionShare.class);

  private final int share;
  private final Map<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
  private final Map<SelectableChannel, InetAddress> counted = new ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();

  PeerConnectionShare(int share) {
    this.share = share;
  }

  @Override
  public void onAccepting(SelectableChannel channel) {
    InetAddress peer = peer(channel);
    if (peer == null) {
      return;
    }
    AtomicInteger count = open.computeIfAbsent(peer, p -> new AtomicInteger());
    if (count.incrementAndGet() > share) {
      count.decrementAndGet();
      if (refused.getAndIncrement() % 1000 == 0) { // one line per thousand: a flood must not flood the log too
        log.warn("refused a connection from {}: it already holds its share of {} connections ({} refused so far)",
            peer.getHostAddress(), share, refused.get());
      }
      try {
        channel.close();
      } catch (IOException e) {
        // closing a connection we refuse: nothing more to do
      }
      return;
    }
    counted.put(channel, peer);
  }

  @Override
  public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
    release(channel);
  }

  @Override
  public void onClosed(SelectableChannel channel) {
    release(channel);
  }

  private void release(SelectableChannel channel) {
    InetAddress peer = counted.remove(channel);
    if (peer != null) {
      open.computeIfPresent(peer, (p, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
  }

  private static InetAddress peer(SelectableChannel channel) {
    try {
      return channel instanceof SocketChannel socket && socket.getRemoteAddress() instanceof InetSocketAddress address
          ? address.getAddress() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
