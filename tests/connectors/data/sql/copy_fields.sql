COPY t (a, b) FROM stdin;
1	2
3
\.
COPY u (a) FROM stdin;
1	2
\.
COPY v (a) FROM stdin;
café
\.
