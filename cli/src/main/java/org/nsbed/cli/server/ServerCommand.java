package org.nsbed.cli.server;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.experiment.SwapSession;
import org.nsbed.server.NsbedServer;
import org.nsbed.server.api.LocalCredential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed server}: the testbed's long-running service (API, scheduler, image servers, node drivers). */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Run the testbed's service: the HTTP API under /api/v1 and the scheduler, which runs every job "
        + "as soon as it is due. Runs until SIGTERM or SIGINT.",
        "Commands on the same home become clients of the running server. Several servers may share one MariaDB "
            + "database (--db), each with its own --name; the embedded database allows one."})
public final class ServerCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default 127.0.0.1).")
  String bind;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default 8080; 0 picks a free one).")
  int port;

  @Option(names = "--name", defaultValue = "boss", description = "This server's name (default boss).")
  String name;

  @Override
  public Integer call() throws InterruptedException {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new UserError("server name '" + name + "' is not valid: letters, digits, '.', '_', '-'", Nsbed.EXIT_USAGE);
    }
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be from 0 to 65535", Nsbed.EXIT_USAGE);
    }
    Optional<ServerFile> other = ServerFile.running(nsbed.home());
    if (other.isPresent() && !nsbed.externalDatabase()) {
      throw new UserError("a server already runs on " + nsbed.home() + " (" + other.get().name() + " at "
          + other.get().url() + ", process " + other.get().pid() + "); the embedded database allows one server. "
          + "Use MariaDB (--db) for several");
    }
    SwapSession session = SwapSession.openForServer(nsbed, name);
    LocalCredential local = LocalCredential.random();
    NsbedServer server;
    try {
      server = NsbedServer.start(session.engine(), session.database(), name, bind, port, local);
    } catch (RuntimeException e) {
      session.close();
      throw new UserError("cannot start the server on " + bind + ":" + port + ": " + e.getMessage(), Nsbed.EXIT_FAILED);
    }
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    ServerFile file = new ServerFile("http://" + host + ":" + server.port(), name, ProcessHandle.current().pid(),
        local.secret());
    // server.json names the home's first server; a second one beside it (a shared MariaDB
    // database) leaves it alone, and the next server to start after the first one died replaces it.
    if (other.isEmpty()) {
      file.write(nsbed.home());
    }
    System.out.println("nsbed server " + name + " listening on " + file.url());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop = new Thread(() -> {
      try {
        server.close();
        session.close();
        file.remove(nsbed.home());
      } finally {
        stopped.countDown();
      }
    }, "nsbed-server-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    stopped.await();
    return Nsbed.EXIT_OK;
  }
}
