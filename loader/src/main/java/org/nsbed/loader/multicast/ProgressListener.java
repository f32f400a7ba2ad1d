package org.nsbed.loader.multicast;

/**
 * Told about a load's progress after every chunk written. Called on the client's network thread:
 * return quickly and do not block.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = p -> { };

  void progress(LoadProgress progress);
}
