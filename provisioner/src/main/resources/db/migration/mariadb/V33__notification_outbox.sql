-- Notifications waiting to be sent: written in the transaction that records an operation's
-- outcome and sent after it commits, so a transaction that is tried again or rolled back sends
-- nothing, and a process killed after the commit leaves the message for another to send.
CREATE TABLE notification_outbox (
  id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  recipient   VARCHAR(32)  NOT NULL,
  subject     LONGTEXT     NOT NULL,
  body        LONGTEXT     NOT NULL,
  created     DATETIME(6)  NOT NULL,
  claimed_by  VARCHAR(200),
  claimed_at  DATETIME(6),
  attempts    INT          NOT NULL,
  last_error  VARCHAR(2000),
  sent        DATETIME(6),
  INDEX notification_outbox_unsent (sent, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
