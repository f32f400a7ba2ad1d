package org.nsbed.provisioner.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a lock file, between nsbed processes and between threads of one process
 * (a file lock alone is held per process, so threads also take an in-process lock on the same
 * path). It guards the short steps that must not run twice at once on one home: opening the
 * embedded database file and the first-use import. The lock file itself stays; the operating
 * system drops the lock when the holder closes it or dies.
 */
public final class ProcessLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threads;
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(ReentrantLock threads, FileChannel channel, FileLock lock) {
    this.threads = threads;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits until this process holds {@code file} (created, with its directories, if missing).
   *
   * @throws IOException if the lock file cannot be created or locked
   */
  public static ProcessLock acquire(Path file) throws IOException {
    Path path = file.toAbsolutePath().normalize();
    ReentrantLock threads = IN_PROCESS.computeIfAbsent(path, p -> new ReentrantLock());
    threads.lock();
    FileChannel channel = null;
    try {
      Files.createDirectories(path.getParent());
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new ProcessLock(threads, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threads.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      threads.unlock();
    }
  }
}
