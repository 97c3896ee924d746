-- Run once as a superuser on the TimescaleDB server (psql -f setup.sql).
-- postgresql.conf must have: shared_preload_libraries = 'timescaledb'
CREATE ROLE sharpeyes LOGIN PASSWORD 'change-me';
CREATE DATABASE sharpeyes OWNER sharpeyes;
\connect sharpeyes
CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
