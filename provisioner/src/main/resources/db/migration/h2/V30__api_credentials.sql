-- Credentials of the server's users: a password hash (BCrypt) for the web sign-in, and API
-- tokens, of which only a SHA-256 hash is stored.
ALTER TABLE users ADD COLUMN password_hash VARCHAR(100);

CREATE TABLE api_tokens (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_name  VARCHAR(32)  NOT NULL,
  label      VARCHAR(200) NOT NULL,
  token_hash VARCHAR(64)  NOT NULL,
  created    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  revoked    TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT api_tokens_hash UNIQUE (token_hash),
  FOREIGN KEY (user_name) REFERENCES users (name) ON DELETE CASCADE
);
