CREATE TABLE public.apps (id int);
CREATE TABLE audit.apps (id int);
INSERT INTO public.apps VALUES (1);
INSERT INTO audit.apps VALUES (2);
