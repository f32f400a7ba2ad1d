package org.nsbed.scheduler.notification;

import java.time.Instant;

/**
 * A message to a user about a finished operation (the reference mails these).
 *
 * @param user who is told
 * @param subject one line, e.g. "Swap-in of testbed/exp1 succeeded"
 * @param body the summary table and any failure reasons
 * @param at when the operation finished
 */
public record Notification(String user, String subject, String body, Instant at) {}
