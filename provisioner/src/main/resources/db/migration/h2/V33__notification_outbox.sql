-- Notifications waiting to be sent: written in the transaction that records an operation's
-- outcome and sent after it commits, so a transaction that is tried again or rolled back sends
-- nothing, and a process killed after the commit leaves the message for another to send.
CREATE TABLE notification_outbox (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  recipient   VARCHAR(32)  NOT NULL,
  subject     CLOB         NOT NULL,
  body        CLOB         NOT NULL,
  created     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  claimed_by  VARCHAR(200),
  claimed_at  TIMESTAMP(6) WITH TIME ZONE,
  attempts    INT          NOT NULL,
  last_error  VARCHAR(2000),
  sent        TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX notification_outbox_unsent ON notification_outbox (sent, id);
