-- What each node's disk holds, so a swap-in can skip the load of a disk that provably holds the
-- wanted image already: the Image ID last loaded, the SHA-256 of its file then, and whether the
-- disk is unchanged since (a boot of a writable OS counts as a change). And, per experiment node,
-- whether its load was skipped for that reason (expinfo says "already loaded").
ALTER TABLE nodes ADD COLUMN disk_image VARCHAR(100);
ALTER TABLE nodes ADD COLUMN disk_sha256 VARCHAR(64);
ALTER TABLE nodes ADD COLUMN disk_clean BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE experiment_nodes ADD COLUMN load_skipped BOOLEAN DEFAULT FALSE NOT NULL;
