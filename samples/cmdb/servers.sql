-- The servers table of the CMDB, as `sqlite3 cmdb.db .dump` prints it; cmdb.db is built
-- from this file: sqlite3 cmdb.db < servers.sql
CREATE TABLE server (
    id INTEGER PRIMARY KEY,
    hostname TEXT NOT NULL,
    datacenter TEXT NOT NULL,
    rack TEXT NOT NULL,
    os TEXT,
    cores INTEGER,
    ram_gb REAL,
    status TEXT NOT NULL,
    commissioned TEXT
);
INSERT INTO server VALUES(1,'web-01','AMS','A1','Linux',8,32.0,'active','2021-04-01');
INSERT INTO server VALUES(2,'web-02','AMS','A1','Linux',8,32.0,'active','2021-04-01');
INSERT INTO server VALUES(3,'db-01','AMS','A2','Linux',32,256.0,'active','2020-09-15');
INSERT INTO server VALUES(4,'erp-01','FRA','B1','Windows',16,128.0,'active','2019-02-20');
INSERT INTO server VALUES(5,'batch-01','FRA','B1','AIX',4,16.0,'maintenance','2010-05-05');
INSERT INTO server VALUES(6,'old-01','FRA','B2','Windows',2,4.0,'decommissioned','2008-01-01');
