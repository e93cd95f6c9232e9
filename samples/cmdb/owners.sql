--
-- PostgreSQL database dump: who owns which server
--

SET client_encoding = 'UTF8';

CREATE TABLE public.owner (
    server_id integer NOT NULL,
    team text NOT NULL,
    email text
);

INSERT INTO public.owner VALUES (1, 'Web Team', 'web@example.com');
INSERT INTO public.owner VALUES (2, 'Web Team', 'web@example.com');
INSERT INTO public.owner VALUES (3, 'Data Platform', 'data@example.com');
INSERT INTO public.owner VALUES (4, 'ERP Team', 'erp@example.com');
INSERT INTO public.owner VALUES (5, 'ERP Team', 'erp@example.com');

--
-- PostgreSQL database dump complete
--
