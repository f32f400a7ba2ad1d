package org.nsbed.provisioner.node.qemu;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * The QEMU process of one node, found through the files it leaves in {@code <home>/vms/<node>/}:
 * {@code qemu.pid}, the monitor socket {@code qmp.sock} and the serial console socket
 * {@code console.sock}. QEMU runs detached ({@code -daemonize}), so the machine outlives the nsbed
 * process that started it, and any later process finds it again through these files. The serial
 * line is logged by QEMU itself into the node's console log, whether or not anyone is attached.
 *
 * <p>A pid is trusted only while that process's command line names this node's monitor socket,
 * so a recycled pid is never taken for the machine.
 */
final class QemuMachine {
  static final String QEMU = "qemu-system-x86_64";
  /** A Unix socket path must fit in sun_path. */
  private static final int MAX_SOCKET_PATH = 107;

  private final String node;
  private final TestbedFile.Qemu settings;
  private final Path disk;
  private final Path runDir;
  private final Path consoleLog;

  QemuMachine(String node, TestbedFile.Qemu settings, Path disk, Path runDir, Path consoleLog) {
    this.node = node;
    this.settings = settings;
    this.disk = disk;
    this.runDir = runDir;
    this.consoleLog = consoleLog;
  }

  Path disk() {
    return disk;
  }

  Path consoleSocket() {
    return runDir.resolve("console.sock");
  }

  private Path monitorSocket() {
    return runDir.resolve("qmp.sock");
  }

  private Path pidFile() {
    return runDir.resolve("qemu.pid");
  }

  /** The running QEMU process of this node, if there is one. */
  Optional<ProcessHandle> process() {
    try {
      if (!Files.exists(pidFile())) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile(), StandardCharsets.US_ASCII).trim());
      String marker = monitorSocket().toString();
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)
              || p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean running() {
    return process().isPresent();
  }

  /**
   * Starts the machine booting its disk through the BIOS, detached from this process.
   *
   * @throws IOException if QEMU is missing or refuses to start (its message is included)
   */
  ProcessHandle start(Accelerator accel) throws IOException {
    Files.createDirectories(runDir);
    for (Path socket : List.of(consoleSocket(), monitorSocket())) {
      if (socket.toString().length() > MAX_SOCKET_PATH) {
        throw new IOException("the socket path " + socket + " of node " + node + " is longer than "
            + MAX_SOCKET_PATH + " characters; use a shorter nsbed home");
      }
      Files.deleteIfExists(socket);
    }
    Files.deleteIfExists(pidFile());
    growDisk();
    Path sercon = runDir.resolve("sercon-port");
    // SeaBIOS mirrors its screen onto the serial port at 0x3f8, so the console shows the BIOS too.
    Files.write(sercon, new byte[] {(byte) 0xf8, 0x03});
    List<String> cmd = new ArrayList<>(List.of(QEMU,
        "-name", "nsbed-" + node,
        "-accel", accel.name(),
        "-m", Integer.toString(settings.memoryMiB()),
        "-display", "none",
        "-nic", "none",
        "-no-user-config",
        "-smbios", "type=1,serial=" + node,
        "-drive", "file=" + disk + ",format=raw,if=virtio",
        "-fw_cfg", "name=etc/sercon-port,file=" + sercon,
        "-chardev", "socket,id=console,path=" + consoleSocket() + ",server=on,wait=off,logfile=" + consoleLog
            + ",logappend=on",
        "-serial", "chardev:console",
        "-qmp", "unix:" + monitorSocket() + ",server=on,wait=off",
        "-pidfile", pidFile().toString(),
        "-daemonize"));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + QEMU + " for node " + node + " (apt-get install qemu-system-x86): "
          + e.getMessage(), e);
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(QEMU + " for node " + node + " did not start within 60 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the machine of node " + node, e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(QEMU + " for node " + node + " failed: " + errors(output));
    }
    return process().orElseThrow(() -> new IOException(QEMU + " for node " + node + " exited right after starting"));
  }

  /** QEMU's error lines without its warnings (the sercon fw_cfg name draws one every time). */
  private static String errors(String output) {
    return output.lines().filter(l -> !l.contains("warning:")).reduce((a, b) -> a + " | " + b).orElse(output.trim());
  }

  /** The disk as loaded is the image's size; the node's disk is as large as its type says. */
  private void growDisk() throws IOException {
    long size = (long) settings.diskMiB() << 20;
    if (!Files.exists(disk)) {
      Files.createDirectories(disk.getParent());
    }
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      if (f.length() < size) {
        f.setLength(size);
      }
    }
  }

  /** Powers the machine off at once (the monitor's quit, else the process is killed). */
  void stop() {
    Optional<ProcessHandle> p = process();
    if (p.isEmpty()) {
      return;
    }
    try (Qmp qmp = Qmp.connect(monitorSocket())) {
      qmp.execute("quit");
    } catch (IOException e) {
      p.get().destroyForcibly();
    }
    awaitExit(p.get(), 10);
    if (p.get().isAlive()) {
      p.get().destroyForcibly();
      awaitExit(p.get(), 10);
    }
  }

  /**
   * Asks the guest to shut down cleanly (the ACPI power button) and waits until it has powered
   * off; a guest that does not is powered off after {@code seconds}.
   *
   * @return true if the guest shut down by itself
   */
  boolean shutdown(int seconds) {
    Optional<ProcessHandle> p = process();
    if (p.isEmpty()) {
      return true;
    }
    try (Qmp qmp = Qmp.connect(monitorSocket())) {
      qmp.execute("system_powerdown");
    } catch (IOException e) {
      stop();
      return false;
    }
    awaitExit(p.get(), seconds);
    if (p.get().isAlive()) {
      stop();
      return false;
    }
    return true;
  }

  private static void awaitExit(ProcessHandle p, int seconds) {
    try {
      p.onExit().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // the caller checks isAlive()
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes a line to the serial console, as typed on the node's serial terminal. The connection
   * stays open until the guest's UART has taken the text (QEMU drops what it has not read when
   * the client goes away).
   */
  void type(String text) throws InterruptedException {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      ch.connect(java.net.UnixDomainSocketAddress.of(consoleSocket()));
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      Thread.sleep(500 + 20L * bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the serial console of node " + node + " ("
          + consoleSocket() + "): " + e.getMessage(), e);
    }
  }
}
