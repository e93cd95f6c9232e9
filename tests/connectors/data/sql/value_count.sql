CREATE TABLE t (a int, b int, c int);
INSERT INTO t VALUES (1,2,3),(4,5);
CREATE TABLE u (a int);
INSERT INTO u VALUES (1, 2);
