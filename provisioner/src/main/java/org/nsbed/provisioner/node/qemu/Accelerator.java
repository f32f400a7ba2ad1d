package org.nsbed.provisioner.node.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Chooses QEMU's accelerator for a node type's {@code accel}: {@code kvm} and {@code tcg} as
 * given; {@code auto} uses KVM only when a short probe shows that a guest really runs under it.
 * {@code /dev/kvm} existing is not enough: on some hosts a KVM guest runs its BIOS and then hangs
 * when its kernel enters long mode. The probe boots a distribution kernel under KVM for a few
 * seconds and needs its first message ({@code Linux version}) on the serial line; without a
 * kernel to probe with, or when the probe fails, the choice is TCG (emulation), slower but sure.
 *
 * @param name {@code kvm} or {@code tcg}, as QEMU's {@code -accel} takes it
 * @param why how the choice was made, for the console and messages
 */
record Accelerator(String name, String why) {
  private static final int PROBE_SECONDS = 8;

  static Accelerator choose(String accel, String qemu, Optional<Path> probeKernel, Path workDir) {
    return switch (accel) {
      case "kvm" -> new Accelerator("kvm", "accel: kvm");
      case "tcg" -> new Accelerator("tcg", "accel: tcg");
      default -> probe(qemu, probeKernel, workDir);
    };
  }

  private static Accelerator probe(String qemu, Optional<Path> kernel, Path workDir) {
    Path kvm = Path.of("/dev/kvm");
    if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
      return new Accelerator("tcg", "accel auto: no usable /dev/kvm, using TCG");
    }
    if (kernel.isEmpty()) {
      return new Accelerator("tcg", "accel auto: no kernel to probe KVM with, using TCG");
    }
    Path log = workDir.resolve("kvm-probe.log");
    try {
      Files.createDirectories(workDir);
      Files.deleteIfExists(log);
      List<String> cmd = new ArrayList<>(List.of(qemu, "-accel", "kvm", "-m", "128", "-display", "none", "-nic",
          "none", "-no-user-config", "-kernel", kernel.get().toString(), "-append",
          "console=ttyS0 earlyprintk=serial panic=-1", "-no-reboot", "-chardev", "file,id=probe,path=" + log,
          "-serial", "chardev:probe"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      try {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_SECONDS);
        while (System.nanoTime() < until && p.isAlive()) {
          if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains("Linux version")) {
            return new Accelerator("kvm", "accel auto: a KVM guest started its kernel, using KVM");
          }
          Thread.sleep(200);
        }
      } finally {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      return new Accelerator("tcg", "accel auto: a KVM guest did not start its kernel within " + PROBE_SECONDS
          + " s, using TCG");
    } catch (IOException e) {
      return new Accelerator("tcg", "accel auto: the KVM probe could not run (" + e.getMessage() + "), using TCG");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Accelerator("tcg", "accel auto: KVM probe interrupted, using TCG");
    }
  }
}
