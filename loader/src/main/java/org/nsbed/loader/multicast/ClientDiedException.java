package org.nsbed.loader.multicast;

/** A client stopped by an injected "die at N %" fault, leaving its disk as a crash would. */
public class ClientDiedException extends LoadFailedException {
  public ClientDiedException(String message) {
    super(message);
  }
}
