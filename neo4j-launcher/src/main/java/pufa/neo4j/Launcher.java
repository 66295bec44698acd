package pufa.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs a real Neo4j (Community, embedded) that answers on Bolt, for tests.
 *
 * <pre>usage: Launcher DATA_DIR [PORT] [PASSWORD]</pre>
 *
 * PORT 0 or empty lets the OS pick a free loopback port. PASSWORD defaults to
 * env PUFA_NEO4J_PASSWORD, then "pufa-test-pw" (pass it by env, not argv, so
 * it does not show up in `ps`). Prints exactly one line
 * "PUFA_NEO4J_READY bolt://127.0.0.1:PORT" once clients can log in.
 */
public final class Launcher {

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].isBlank()) {
            System.err.println("usage: Launcher DATA_DIR [PORT] [PASSWORD]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 && !args[1].isBlank() ? Integer.parseInt(args[1]) : 0;
        String password = args.length > 2 && !args[2].isEmpty() ? args[2]
                : System.getenv().getOrDefault("PUFA_NEO4J_PASSWORD", "pufa-test-pw");

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(Map.of(
                        // Bolt on loopback only; port 0 = bound by the OS, read back below
                        // (race-free, unlike probing for a free port and closing it).
                        BoltConnector.enabled, true,
                        BoltConnector.listen_address, new SocketAddress("127.0.0.1", port),
                        // Same login behaviour as a production server.
                        GraphDatabaseSettings.auth_enabled, true,
                        // Modest footprint for a test box (the default page cache is
                        // 50% of free RAM, and tx logs are preallocated in 256 MB files).
                        GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256),
                        GraphDatabaseSettings.preallocate_logical_logs, false,
                        GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64),
                        // Bolt waits 5 s + 5 s for connections/threads to drain on shutdown;
                        // a test server has nothing worth waiting for (stop: ~10 s -> ~3.5 s).
                        BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1),
                        BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1),
                        // No network but loopback here: don't try to phone home.
                        GraphDatabaseSettings.udc_enabled, false))
                .build();
        // build() returns with all databases started and Bolt bound, so register the
        // hook now: SIGTERM / Ctrl-C then checkpoints and closes the store cleanly.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "pufa-neo4j-shutdown"));

        try {
            setPassword(dbms, password);
            int bound = boltPort(dbms);
            System.out.println("PUFA_NEO4J_READY bolt://127.0.0.1:" + bound);
            System.out.flush();
        } catch (RuntimeException e) {
            // Neo4j's own threads are non-daemon: without exit() a failed start would hang.
            e.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }
        stopped.await(); // keep main alive until the shutdown hook has run
    }

    /**
     * Embedded has no neo4j-admin set-initial-password; the user store lives in the
     * `system` database, and embedded transactions run with full rights, so set the
     * password there. CHANGE NOT REQUIRED: otherwise the driver could only call
     * "change password" after login. Passwords shorter than 8 characters are refused
     * (dbms.security.auth_minimum_password_length).
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // Reused DATA_DIR: Neo4j refuses to "change" a password to its current value,
            // which means it is already what we want.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    /**
     * Actually bound Bolt port (differs from the requested one when that was 0).
     * Internal API, but the one Neo4j's own test harness uses.
     */
    private static int boltPort(DatabaseManagementService dbms) {
        var db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        return db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
    }
}
