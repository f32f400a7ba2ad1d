package org.nsbed.scheduler.notification;

/** Delivers notifications (a mailbox file by default; SMTP in a deployment with a mail relay). */
@FunctionalInterface
public interface Notifier {
  void send(Notification notification);
}
