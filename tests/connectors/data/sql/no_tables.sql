-- nothing but settings
SET client_encoding = 'UTF8';
