package news.timeline.command;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** A fresh in-memory H2 database with the command service's tables, for tests of what reads and writes them. */
public final class CommandStoreDatabase {

    private CommandStoreDatabase() {
    }

    /** A new database, kept until the JVM ends, with its migrations to be run by the caller. */
    public static JdbcDataSource empty() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:command-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Flyway on the command service's migrations. */
    public static FluentConfiguration migrations(JdbcDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/command");
    }

    /** A new database with every table the SQL migrations create. */
    public static JdbcDataSource migrated() {
        JdbcDataSource dataSource = empty();
        migrations(dataSource).load().migrate();
        return dataSource;
    }
}
