PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE [odd table](a, "b c" TEXT, d BLOB);
INSERT INTO "odd table" VALUES(1,replace(replace('x\r\ny','\r',char(13)),'\n',char(10)),X'CAFE');
INSERT INTO "odd table" VALUES(2,unistr('tab\0009end \u00e9'),NULL);
INSERT INTO "odd table" VALUES(3,char(72,105),x'');
INSERT INTO "odd table" VALUES(4,'inf',1e999);
COMMIT;
