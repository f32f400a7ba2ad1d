-- Experiments and the physical node inventory with its reservations.

CREATE TABLE experiments (
  id                   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  pid                  VARCHAR(48)  NOT NULL,
  eid                  VARCHAR(64)  NOT NULL,
  creator              VARCHAR(32)  NOT NULL,
  description          VARCHAR(255) NOT NULL,
  ns_file              LONGTEXT     NOT NULL,
  ir_json              LONGTEXT     NOT NULL,
  state                VARCHAR(16)  NOT NULL,
  created              DATETIME(6) NOT NULL,
  state_changed        DATETIME(6) NOT NULL,
  swapped_in           DATETIME(6),
  swapped_out          DATETIME(6),
  max_duration_minutes INTEGER,
  idle_swap_minutes    INTEGER,
  version              BIGINT       NOT NULL,
  CONSTRAINT experiments_project_eid UNIQUE (pid, eid),
  FOREIGN KEY (pid) REFERENCES projects (pid),
  FOREIGN KEY (creator) REFERENCES users (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE nodes (
  name          VARCHAR(32) NOT NULL PRIMARY KEY,
  node_type     VARCHAR(30) NOT NULL,
  state         VARCHAR(16) NOT NULL,
  experiment_id BIGINT,
  vname         VARCHAR(64),
  state_changed DATETIME(6) NOT NULL,
  version       BIGINT      NOT NULL,
  CONSTRAINT nodes_experiment_vname UNIQUE (experiment_id, vname),
  FOREIGN KEY (node_type) REFERENCES node_types (name),
  FOREIGN KEY (experiment_id) REFERENCES experiments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
