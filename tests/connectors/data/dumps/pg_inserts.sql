--
-- PostgreSQL database dump
--

\restrict uevllbO2fl01c0sM3EXGnDSVtc27X3g1P7hUi8j8YnHyOnRHprxg1MOP5WuTeLH

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: touch(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN NEW.note := 'touched; really'; RETURN NEW; END; $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: Team Members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Team Members" (
    "Full Name" text,
    role text
);


--
-- Name: apps; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.apps (
    id bigint NOT NULL,
    name character varying(100),
    note text,
    score double precision,
    active boolean,
    icon bytea
);


--
-- Name: owners; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.owners (
    id integer NOT NULL,
    email text NOT NULL,
    app_id bigint
);


--
-- Data for Name: Team Members; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."Team Members" VALUES ('Ann Lee', 'owner');
INSERT INTO public."Team Members" VALUES ('Bo "B" Ek', NULL);


--
-- Data for Name: apps; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.apps VALUES (1, 'Billing', 'plain', 1.5, true, '\x01ff');
INSERT INTO public.apps VALUES (2, 'O''Brien "quoted"', 'back\slash \\ two; semi, comma (paren)', -0.25, false, NULL);
INSERT INTO public.apps VALUES (3, 'Zürich ☃ 日本 😀', 'line1
line2	tab
end', 1e+300, NULL, '\x');
INSERT INTO public.apps VALUES (4, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.apps VALUES (-9223372036854775808, 'min', '', 0, true, '\x00');
INSERT INTO public.apps VALUES (9223372036854775807, 'max', '--not a comment /* nor this */', 3.141592653589793, false, NULL);


--
-- Data for Name: owners; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.owners VALUES (10, 'ann@example.com', 1);
INSERT INTO public.owners VALUES (11, 'bob@example.com', 2);


--
-- Name: apps apps_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.apps
    ADD CONSTRAINT apps_pkey PRIMARY KEY (id);


--
-- Name: owners owners_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.owners
    ADD CONSTRAINT owners_pkey PRIMARY KEY (id);


--
-- Name: owners owners_app_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.owners
    ADD CONSTRAINT owners_app_id_fkey FOREIGN KEY (app_id) REFERENCES public.apps(id);


--
-- PostgreSQL database dump complete
--

\unrestrict uevllbO2fl01c0sM3EXGnDSVtc27X3g1P7hUi8j8YnHyOnRHprxg1MOP5WuTeLH

