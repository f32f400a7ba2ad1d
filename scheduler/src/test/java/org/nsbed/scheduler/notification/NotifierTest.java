package org.nsbed.scheduler.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox file and the SMTP relay deliver the same message. */
class NotifierTest {
  @TempDir Path home;

  private static final Notification MESSAGE = new Notification("alice", "Swap-in of testbed/x succeeded",
      "Swap-in of testbed/x succeeded.\n\nFrom here on...\n.hidden line\n", Instant.parse("2026-11-26T00:00:00Z"));

  @Test
  void theMailboxIsAnMboxFileThatQuotesFromLines() throws Exception {
    MailboxNotifier box = new MailboxNotifier(home);
    box.send(MESSAGE);
    box.send(MESSAGE);
    String text = Files.readString(home.resolve("mail/alice"));
    assertEquals(2, text.split("\nSubject: Swap-in of testbed/x succeeded\n", -1).length - 1);
    assertTrue(text.startsWith("From nsbed "), text);
    assertTrue(text.contains("\n>From here on...\n"), "a body line starting with From is quoted: " + text);
  }

  /** A one-message SMTP relay on loopback that records the dialogue. */
  private static CompletableFuture<List<String>> relay(ServerSocket server, String rcptReply) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> seen = new ArrayList<>();
      try (Socket s = server.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
        out.write("220 relay ready\r\n");
        out.flush();
        boolean data = false;
        String line;
        while ((line = in.readLine()) != null) {
          seen.add(line);
          String reply = null;
          if (data) {
            if (line.equals(".")) {
              data = false;
              reply = "250 queued";
            }
          } else if (line.startsWith("EHLO")) {
            reply = "250-relay\r\n250 8BITMIME";
          } else if (line.startsWith("RCPT")) {
            reply = rcptReply;
          } else if (line.equals("DATA")) {
            data = true;
            reply = "354 go ahead";
          } else if (line.equals("QUIT")) {
            reply = "221 bye";
          } else {
            reply = "250 ok";
          }
          if (reply != null) {
            out.write(reply + "\r\n");
            out.flush();
          }
          if (line.equals("QUIT") || reply != null && reply.startsWith("5")) {
            break;
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return seen;
    });
  }

  @Test
  void smtpDeliversTheMessageToTheUserAtTheDomain() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<List<String>> dialogue = relay(server, "250 ok");
      new SmtpNotifier(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), "testbed.example")
          .send(MESSAGE);
      List<String> seen = dialogue.get(10, TimeUnit.SECONDS);
      assertTrue(seen.contains("MAIL FROM:<nsbed@testbed.example>"), seen.toString());
      assertTrue(seen.contains("RCPT TO:<alice@testbed.example>"), seen.toString());
      assertTrue(seen.contains("Subject: Swap-in of testbed/x succeeded"), seen.toString());
      assertTrue(seen.contains("..hidden line"), "dot-stuffed: " + seen);
      assertEquals("QUIT", seen.get(seen.size() - 1));
    }
  }

  @Test
  void aRefusingRelayIsAnErrorThatNamesTheRecipient() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      relay(server, "550 no such user");
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new SmtpNotifier(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), "testbed.example").send(MESSAGE));
      assertTrue(e.getMessage().contains("alice@testbed.example") && e.getMessage().contains("550"), e.getMessage());
    }
  }
}
