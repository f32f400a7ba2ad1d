-- The swap engine's state: per virtual node status of an experiment's current (or last) swap-in,
-- the experiment's lock and last run, its log (what notifications said), and every long
-- operation (swap-in, swap-out, os_load, create_image, reboot) with its outcome, which is how a
-- command waits for a job that any nsbed process may run.

CREATE TABLE experiment_nodes (
  experiment_id  BIGINT        NOT NULL,
  vname          VARCHAR(64)   NOT NULL,
  physical       VARCHAR(32),
  node_type      VARCHAR(30),
  osid           VARCHAR(100),
  image          VARCHAR(100),
  failure_action VARCHAR(16)   NOT NULL,
  status         VARCHAR(16)   NOT NULL,
  reason         VARCHAR(2000),
  bytes_done     BIGINT        NOT NULL,
  bytes_total    BIGINT        NOT NULL,
  load_ms        BIGINT,
  boot_ms        BIGINT,
  updated        DATETIME(6) NOT NULL,
  PRIMARY KEY (experiment_id, vname),
  FOREIGN KEY (experiment_id) REFERENCES experiments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE experiment_runs (
  experiment_id  BIGINT        NOT NULL PRIMARY KEY,
  operation      VARCHAR(16),
  operation_id   VARCHAR(64),
  locked_since   DATETIME(6),
  attempt        INTEGER       NOT NULL,
  result         VARCHAR(16),
  message        VARCHAR(4000),
  started        DATETIME(6),
  finished       DATETIME(6),
  total_ms       BIGINT,
  load_ms        BIGINT,
  boot_ms        BIGINT,
  FOREIGN KEY (experiment_id) REFERENCES experiments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE experiment_log (
  id             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  experiment_id  BIGINT        NOT NULL,
  at             DATETIME(6) NOT NULL,
  line           VARCHAR(4000) NOT NULL,
  FOREIGN KEY (experiment_id) REFERENCES experiments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX experiment_log_experiment ON experiment_log (experiment_id, id);

CREATE TABLE operations (
  id             VARCHAR(64)   NOT NULL PRIMARY KEY,
  kind           VARCHAR(16)   NOT NULL,
  experiment_id  BIGINT,
  requested_by   VARCHAR(32)   NOT NULL,
  state          VARCHAR(16)   NOT NULL,
  failed_nodes   INTEGER       NOT NULL,
  message        VARCHAR(4000),
  created        DATETIME(6) NOT NULL,
  finished       DATETIME(6),
  FOREIGN KEY (experiment_id) REFERENCES experiments (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
