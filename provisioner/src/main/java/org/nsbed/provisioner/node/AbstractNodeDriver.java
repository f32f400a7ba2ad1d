package org.nsbed.provisioner.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What every node driver does alike: it keeps its event listeners and tells them each event of its nodes. */
public abstract class AbstractNodeDriver implements NodeDriver {
  private final List<NodeEventListener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public final void addListener(NodeEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public final void removeListener(NodeEventListener listener) {
    listeners.remove(listener);
  }

  /** Tells every listener of {@code event}, on the calling thread. */
  protected final void publish(NodeEvent event) {
    for (NodeEventListener l : listeners) {
      l.onEvent(event);
    }
  }
}
