-- Why a node is down (an admin's `nsbed node down --reason`), so `nsbed node list` can say it.
ALTER TABLE nodes ADD COLUMN down_reason VARCHAR(2000);
