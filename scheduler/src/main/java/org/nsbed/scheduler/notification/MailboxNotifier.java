package org.nsbed.scheduler.notification;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Appends each notification to {@code <home>/mail/<user>} in mbox format, so a mail reader
 * ({@code mail -f}) can open it. Appends hold a lock on the file, so processes sharing the home
 * (the servers of a cluster) never interleave their messages.
 */
public final class MailboxNotifier implements Notifier {
  private static final DateTimeFormatter FROM_LINE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_HEADER = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Path mailDir;

  public MailboxNotifier(Path home) {
    this.mailDir = home.resolve("mail");
  }

  /** The mailbox file of a user. */
  public Path mailbox(String user) {
    return mailDir.resolve(user.replaceAll("[^A-Za-z0-9_.-]", "_"));
  }

  @Override
  public synchronized void send(Notification n) {
    StringBuilder m = new StringBuilder();
    m.append("From nsbed ").append(FROM_LINE.format(n.at())).append('\n');
    m.append("From: nsbed\n");
    m.append("To: ").append(n.user()).append('\n');
    m.append("Date: ").append(DATE_HEADER.format(n.at())).append('\n');
    m.append("Subject: ").append(n.subject()).append("\n\n");
    for (String line : n.body().split("\n", -1)) {
      // mbox quoting: a body line starting with "From " would start a new message.
      m.append(line.startsWith("From ") ? ">" + line : line).append('\n');
    }
    m.append('\n');
    try {
      Files.createDirectories(mailDir);
      // Servers of a cluster share the home: the file lock keeps their messages whole.
      try (FileChannel file = FileChannel.open(mailbox(n.user()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
          FileLock lock = file.lock()) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(m.toString());
        while (bytes.hasRemaining()) {
          file.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write mailbox " + mailbox(n.user()) + ": " + e.getMessage(), e);
    }
  }
}
