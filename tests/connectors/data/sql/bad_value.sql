CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, now());
CREATE TABLE u (a int, b int);
INSERT INTO u VALUES (1, foo);
CREATE TABLE v (a int);
INSERT INTO v VALUES (1) (2);
