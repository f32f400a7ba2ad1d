package org.nsbed.loader.multicast;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A client in its own JVM, so a test can kill it for real: args GROUP PORT DISK. */
public final class FetchProcess {
  private FetchProcess() {}

  public static void main(String[] args) throws Exception {
    InetSocketAddress group = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
    ImageClient.fetch(ClientConfig.of(group, Path.of(args[2])), p -> System.out.println("progress " + p.chunks() + " " + p.totalChunks()));
    System.out.println("done");
  }
}
