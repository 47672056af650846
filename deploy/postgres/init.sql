-- One database per service: each owns its schema and migrates it with Flyway at start.
CREATE DATABASE timeline_command;
CREATE DATABASE timeline_query;
