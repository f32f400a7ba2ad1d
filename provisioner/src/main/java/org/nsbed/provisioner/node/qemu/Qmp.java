package org.nsbed.provisioner.node.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One short conversation with a QEMU monitor over its QMP socket: the greeting, capability
 * negotiation, then commands one at a time. Connections are short because QEMU serves one
 * monitor client at a time and several nsbed processes may want it.
 */
final class Qmp implements AutoCloseable {
  private final SocketChannel channel;
  private final BufferedReader in;
  private final OutputStream out;

  private Qmp(SocketChannel channel) {
    this.channel = channel;
    this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    this.out = Channels.newOutputStream(channel);
  }

  /** Connects and negotiates capabilities. */
  static Qmp connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
      Qmp qmp = new Qmp(ch);
      qmp.in.readLine();
      qmp.execute("qmp_capabilities");
      return qmp;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Runs a command without arguments and returns its answer line (events that arrive first are
   * skipped).
   *
   * @throws IOException if the monitor answers with an error or goes away
   */
  String execute(String command) throws IOException {
    out.write(("{\"execute\":\"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("{\"return\"")) {
        return line;
      }
      if (line.startsWith("{\"error\"")) {
        throw new IOException("QEMU monitor refused " + command + ": " + line);
      }
    }
    throw new IOException("QEMU monitor closed the connection during " + command);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
