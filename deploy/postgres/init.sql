-- One database for the command-service instances (they share the event store), one for each query-service
-- instance (each a full replica); each service migrates its own with Flyway at start.
CREATE DATABASE timeline_command;
CREATE DATABASE timeline_query_1;
CREATE DATABASE timeline_query_2;
