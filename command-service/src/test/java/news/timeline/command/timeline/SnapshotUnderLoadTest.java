package news.timeline.command.timeline;

import news.timeline.command.CommandServiceTest;
import news.timeline.events.Block;
import news.timeline.events.Content;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many editors posting to one timeline at once while snapshots are taken, with fewer database connections than
 * commands in flight: every command still goes through. Each waiting command holds a connection (its transaction
 * begins before it queues for the timeline's lock), so a snapshot taken in the committing thread, under that lock,
 * would wait for a connection that none of them can give back until the pool's timeout failed it and them.
 */
@CommandServiceTest
@TestPropertySource(properties = {"timeline.snapshot-every=2", "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=2000"})
class SnapshotUnderLoadTest {

    private static final int POSTS = 40;

    @Autowired
    CommandGateway commands;

    @Test
    @Timeout(120)
    void concurrentCommandsOnOneTimelineAllSucceedWhileSnapshotsAreTaken() throws Exception {
        String tid = "load-" + UUID.randomUUID();
        Content content = new Content("Headline", List.of(new Block.Paragraph("text")), false);
        asEditor(() -> commands.sendAndWait(new OpenTimeline(tid, "Snapshots under load", "")));

        ExecutorService editors = Executors.newFixedThreadPool(8);
        try {
            List<Future<CommandResult>> posts = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                String updateId = "u" + i;
                posts.add(editors.submit(() -> asEditor(
                        () -> commands.<CommandResult>sendAndWait(new PostUpdate(tid, updateId, content)))));
            }
            List<Long> sequences = new ArrayList<>();
            for (Future<CommandResult> post : posts) {
                sequences.add(post.get().sequence());
            }
            assertThat(sequences).doesNotHaveDuplicates().allMatch(sequence -> sequence >= 1 && sequence <= POSTS);
        } finally {
            editors.shutdownNow();
        }
    }

    private static <T> T asEditor(Callable<T> command) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "editor", null, AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
        try {
            return command.call();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
