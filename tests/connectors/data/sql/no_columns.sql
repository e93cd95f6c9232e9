-- data only
INSERT INTO t VALUES (1);
