package org.nsbed.scheduler.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sends each notification as a mail through an SMTP relay (plain SMTP, as to a site's local mail
 * relay): {@code <user>@<domain>} from {@code nsbed@<domain>}. Enabled with
 * {@code NSBED_SMTP=host:port} (and {@code NSBED_MAIL_DOMAIN}); the mailbox file is written too.
 */
public final class SmtpNotifier implements Notifier {
  private static final int TIMEOUT_MS = 10_000;
  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final InetSocketAddress relay;
  private final String domain;

  public SmtpNotifier(InetSocketAddress relay, String domain) {
    this.relay = relay;
    this.domain = domain;
  }

  /** The relay of {@code NSBED_SMTP=host:port}. */
  public static InetSocketAddress relay(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("NSBED_SMTP must be host:port, not '" + hostPort + "'");
    }
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  @Override
  public void send(Notification n) {
    String from = "nsbed@" + domain;
    String to = n.user() + "@" + domain;
    try (Socket socket = new Socket()) {
      socket.connect(relay, TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
      expect(in, 220);
      command(out, in, "EHLO nsbed", 250);
      command(out, in, "MAIL FROM:<" + from + ">", 250);
      command(out, in, "RCPT TO:<" + to + ">", 250);
      command(out, in, "DATA", 354);
      StringBuilder data = new StringBuilder();
      data.append("From: ").append(from).append("\r\n");
      data.append("To: ").append(to).append("\r\n");
      data.append("Date: ").append(DATE.format(n.at())).append("\r\n");
      data.append("Subject: ").append(n.subject()).append("\r\n");
      data.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
      for (String line : n.body().split("\n", -1)) {
        // Dot-stuffing: a line that starts with "." would otherwise end the message early.
        data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
      }
      out.write(data.toString());
      command(out, in, ".", 250);
      command(out, in, "QUIT", 221);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mail " + to + " through " + relay + ": " + e.getMessage(), e);
    }
  }

  private static void command(Writer out, BufferedReader in, String line, int expected) throws IOException {
    out.write(line + "\r\n");
    out.flush();
    expect(in, expected);
  }

  /** Reads a (possibly multi-line) reply and checks its code. */
  private static void expect(BufferedReader in, int expected) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null || line.length() < 3) {
        throw new IOException("the relay closed the connection (expected " + expected + ")");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(Integer.toString(expected))) {
      throw new IOException("the relay answered '" + line + "' (expected " + expected + ")");
    }
  }
}
