package news.timeline.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who may do what with the cluster's events topic, as ACLs: the command service creates and writes it, the query
 * service reads it, in consumer groups whose names begin with its own. Neither may do anything else (the query
 * service cannot write a record, the command service cannot read one back), and no other login gets anything.
 */
final class ClusterAccess {

    static final String COMMAND_SERVICE = "command-service";
    static final String QUERY_SERVICE = "query-service";
    static final List<String> LOGINS = List.of(COMMAND_SERVICE, QUERY_SERVICE);

    private ClusterAccess() {
    }

    /** Grants it; granting again what the cluster holds already changes nothing. */
    static void grant(Admin admin, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        ResourcePattern events = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
        ResourcePattern readersGroups = new ResourcePattern(ResourceType.GROUP, QUERY_SERVICE, PatternType.PREFIXED);
        admin.createAcls(List.of(
                allow(events, COMMAND_SERVICE, AclOperation.CREATE),
                allow(events, COMMAND_SERVICE, AclOperation.DESCRIBE),
                // since Kafka 3.0 writing a topic includes the idempotent producer's right (KIP-679)
                allow(events, COMMAND_SERVICE, AclOperation.WRITE),
                allow(events, QUERY_SERVICE, AclOperation.DESCRIBE),
                allow(events, QUERY_SERVICE, AclOperation.READ),
                allow(readersGroups, QUERY_SERVICE, AclOperation.READ))).all().get(30, TimeUnit.SECONDS);
    }

    private static AclBinding allow(ResourcePattern resource, String login, AclOperation operation) {
        return new AclBinding(resource,
                new AccessControlEntry("User:" + login, "*", operation, AclPermissionType.ALLOW));
    }
}
