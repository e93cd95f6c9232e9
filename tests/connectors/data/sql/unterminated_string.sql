CREATE TABLE t (id int, name text);
CREATE TABLE u (id int);
INSERT INTO t VALUES (1, 'fine'), (2, 'never closed);
INSERT INTO u VALUES (3);
