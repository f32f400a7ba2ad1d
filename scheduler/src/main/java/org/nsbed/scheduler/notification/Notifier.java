package org.nsbed.scheduler.notification;

/** Delivers notifications (a mailbox file by default; SMTP in a deployment with a mail relay). */
@FunctionalInterface
public interface Notifier {
  void send(Notification notification);

  /** Sends through each of {@code notifiers} in turn. */
  static Notifier all(java.util.List<Notifier> notifiers) {
    java.util.List<Notifier> copy = java.util.List.copyOf(notifiers);
    return n -> copy.forEach(each -> each.send(n));
  }
}
