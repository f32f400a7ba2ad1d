-- The catalogue: projects, users, node types, nodes, OSIDs, Image IDs and the
-- (OSID, node type) -> image relation. MariaDB flavour; h2/V1 is the same schema.

CREATE TABLE projects (
  pid         VARCHAR(48)  NOT NULL PRIMARY KEY,
  description VARCHAR(255) NOT NULL,
  created     DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE users (
  name  VARCHAR(32) NOT NULL PRIMARY KEY,
  admin BOOLEAN     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE memberships (
  id        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_name VARCHAR(32) NOT NULL,
  pid       VARCHAR(48) NOT NULL,
  role      VARCHAR(16) NOT NULL,
  CONSTRAINT memberships_user_project UNIQUE (user_name, pid),
  FOREIGN KEY (user_name) REFERENCES users (name),
  FOREIGN KEY (pid) REFERENCES projects (pid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE osids (
  id                  BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  pid                 VARCHAR(48)  NOT NULL,
  name                VARCHAR(30)  NOT NULL,
  os                  VARCHAR(16)  NOT NULL,
  os_version          VARCHAR(32)  NOT NULL,
  features            VARCHAR(255) NOT NULL,
  op_mode             VARCHAR(16)  NOT NULL,
  reboot_wait_seconds INTEGER      NOT NULL,
  shared              BOOLEAN      NOT NULL,
  next_osid           BIGINT,
  max_concurrent      INTEGER      NOT NULL,
  description         VARCHAR(255) NOT NULL,
  creator             VARCHAR(32)  NOT NULL,
  created             DATETIME(6) NOT NULL,
  CONSTRAINT osids_project_name UNIQUE (pid, name),
  FOREIGN KEY (pid) REFERENCES projects (pid),
  FOREIGN KEY (next_osid) REFERENCES osids (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE osid_parents (
  osid        BIGINT NOT NULL,
  parent_osid BIGINT NOT NULL,
  PRIMARY KEY (osid, parent_osid),
  FOREIGN KEY (osid) REFERENCES osids (id),
  FOREIGN KEY (parent_osid) REFERENCES osids (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE node_types (
  name              VARCHAR(30) NOT NULL PRIMARY KEY,
  node_class        VARCHAR(30) NOT NULL,
  default_osid      BIGINT,
  interfaces        INTEGER     NOT NULL,
  disk_gib          INTEGER     NOT NULL,
  bios_wait_seconds INTEGER     NOT NULL,
  remote            BOOLEAN     NOT NULL,
  is_virtual        BOOLEAN     NOT NULL,
  subnode           BOOLEAN     NOT NULL,
  FOREIGN KEY (default_osid) REFERENCES osids (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE node_type_projects (
  node_type VARCHAR(30) NOT NULL,
  pid       VARCHAR(48) NOT NULL,
  PRIMARY KEY (node_type, pid),
  FOREIGN KEY (node_type) REFERENCES node_types (name),
  FOREIGN KEY (pid) REFERENCES projects (pid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE image_ids (
  id             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  pid            VARCHAR(48)  NOT NULL,
  name           VARCHAR(30)  NOT NULL,
  description    VARCHAR(255) NOT NULL,
  path           VARCHAR(255) NOT NULL,
  load_partition INTEGER      NOT NULL,
  default_osid   BIGINT,
  global_image   BOOLEAN      NOT NULL,
  shared         BOOLEAN      NOT NULL,
  creator        VARCHAR(32)  NOT NULL,
  created        DATETIME(6) NOT NULL,
  updated        DATETIME(6) NOT NULL,
  size_bytes     BIGINT,
  sha256         VARCHAR(64),
  CONSTRAINT image_ids_project_name UNIQUE (pid, name),
  CONSTRAINT image_ids_load_partition CHECK (load_partition BETWEEN 0 AND 4),
  FOREIGN KEY (pid) REFERENCES projects (pid),
  FOREIGN KEY (default_osid) REFERENCES osids (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE image_partitions (
  image_id     BIGINT  NOT NULL,
  partition_no INTEGER NOT NULL,
  osid         BIGINT  NOT NULL,
  PRIMARY KEY (image_id, partition_no),
  CONSTRAINT image_partitions_slot CHECK (partition_no BETWEEN 1 AND 4),
  FOREIGN KEY (image_id) REFERENCES image_ids (id),
  FOREIGN KEY (osid) REFERENCES osids (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE image_node_types (
  image_id  BIGINT      NOT NULL,
  node_type VARCHAR(30) NOT NULL,
  PRIMARY KEY (image_id, node_type),
  FOREIGN KEY (image_id) REFERENCES image_ids (id),
  FOREIGN KEY (node_type) REFERENCES node_types (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE osid_images (
  osid      BIGINT      NOT NULL,
  node_type VARCHAR(30) NOT NULL,
  image_id  BIGINT      NOT NULL,
  PRIMARY KEY (osid, node_type),
  FOREIGN KEY (osid) REFERENCES osids (id),
  FOREIGN KEY (node_type) REFERENCES node_types (name),
  FOREIGN KEY (image_id) REFERENCES image_ids (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
