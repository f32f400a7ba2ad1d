-- Sessions of the web pages: only a SHA-256 hash of the session cookie is stored, so a copy of
-- the database holds no usable session. Any server on the database can check any session.
CREATE TABLE web_sessions (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_name  VARCHAR(32)  NOT NULL,
  token_hash VARCHAR(64)  NOT NULL,
  created    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT web_sessions_hash UNIQUE (token_hash),
  FOREIGN KEY (user_name) REFERENCES users (name) ON DELETE CASCADE
);
