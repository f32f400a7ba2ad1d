package org.nsbed.loader.multicast;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.UUID;

/**
 * Records which chunks of which image are durably on a disk, in {@code DISK.nsbed-resume} beside a
 * file disk (or in the system temp folder for a device), so a client that dies can resume without
 * rewriting, and without trusting, anything else. It is written only after the disk was flushed,
 * always whole (a new file moved into place), and checked by a SHA-256 when read back.
 */
final class ResumeJournal {
  private static final byte[] MAGIC = "NSBEDRSM".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final Path file;

  ResumeJournal(Path disk) {
    Path abs = disk.toAbsolutePath();
    boolean device = Files.exists(abs) && !Files.isRegularFile(abs);
    this.file = device
        ? Path.of(System.getProperty("java.io.tmpdir"), "nsbed-resume-" + abs.toString().replace('/', '_'))
        : abs.resolveSibling(abs.getFileName() + ".nsbed-resume");
  }

  Path file() {
    return file;
  }

  /** The chunks recorded for {@code image}, or null if there is no usable record for it. */
  BitSet load(UUID image, int chunkCount) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
    if (b.length < MAGIC.length + 20 + 32 || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || !Arrays.equals(sha256(b, b.length - 32), 0, 32, b, b.length - 32, b.length)) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.wrap(b, MAGIC.length, b.length - MAGIC.length - 32);
    UUID uuid = new UUID(buf.getLong(), buf.getLong());
    int count = buf.getInt();
    if (!uuid.equals(image) || count != chunkCount) {
      return null;
    }
    byte[] bits = new byte[buf.remaining()];
    buf.get(bits);
    BitSet done = BitSet.valueOf(bits);
    return done.length() <= chunkCount ? done : null;
  }

  /** Replaces the record. */
  void save(UUID image, int chunkCount, BitSet done) throws IOException {
    byte[] bits = done.toByteArray();
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 20 + bits.length + 32);
    buf.put(MAGIC).putLong(image.getMostSignificantBits()).putLong(image.getLeastSignificantBits()).putInt(chunkCount).put(bits);
    buf.put(sha256(buf.array(), buf.position()));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, buf.array());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  private static byte[] sha256(byte[] b, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(b, 0, len);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
