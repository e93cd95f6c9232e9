-- A hand-written dump: comments, quoting and statements a reader must get through.
SET standard_conforming_strings = on;
/* a block comment
   spanning lines; with 'quotes' and ; */
CREATE FUNCTION audit.touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  RAISE NOTICE 'it''s; done';  -- not the end
END; $body$;
CREATE TABLE IF NOT EXISTS audit."Apps" (id integer, note text);
INSERT INTO audit."Apps" VALUES (1, 'skipped; ''really'' (not these)');
CREATE TABLE inventory.apps (
    id bigint NOT NULL,
    "display name" character varying(20) DEFAULT 'a,b' NOT NULL,
    score numeric(10,2),
    live boolean,
    CONSTRAINT apps_pkey PRIMARY KEY (id),
    CHECK (score > 0)
);
INSERT INTO inventory.apps ("display name", id, score, live)
VALUES ('First', 1, 1e3, true),
       (E'tab\there\nnext \u00e9 \\', 2, -0.5, false);   -- E'' escapes
INSERT INTO inventory.apps (id, live) VALUES (3, NULL);
INSERT INTO inventory.apps VALUES (4, 'cast'::character varying(20), .5, NULL) ON CONFLICT DO NOTHING;
INSERT INTO inventory.apps VALUES (5, 'multi
line', +7, TRUE);
