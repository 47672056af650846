package news.timeline.command.timeline;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import news.timeline.command.CommandServiceTest;
import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The register, in the service: what a command records is seen by the next, in its batch or after it. */
@CommandServiceTest
class UpdateRegisterTest {

    private static final Content CONTENT = new Content("Headline", List.of(new Block.Paragraph("text")), false);
    private static final Change TYPO = new Change(ChangeKind.TYPO, null);

    @Autowired
    CommandGateway commands;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Cache timelineCache;

    private final String tid = "register-" + UUID.randomUUID();
    private int revision = 1;

    @BeforeEach
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "editor", null, AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
        commands.sendAndWait(new OpenTimeline(tid, "Register", ""));
        commands.sendAndWait(new PostUpdate(tid, "u1", CONTENT));
    }

    @Test
    void editsCommittedTogetherEachSeeTheRevisionTheOneBeforeMade() {
        // until a round of edits sent at once was handled in fewer commits than edits: some shared a batch (in this
        // thread: it is the signed-in editor)
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(this::aRoundOfEditsSharedABatch);
    }

    @Test
    void aTimelineLoadedAfreshStillKnowsItsUpdates() {
        commands.sendAndWait(new EditUpdate(tid, "u1", 1, CONTENT, TYPO));
        commands.sendAndWait(new RetractUpdate(tid, "u1", 2, "reason", "note"));
        commands.sendAndWait(new PostUpdate(tid, "u2", CONTENT));
        timelineCache.removeAll();

        assertThat(commands.<CommandResult>sendAndWait(new EditUpdate(tid, "u2", 1, CONTENT, TYPO)).revision())
                .isEqualTo(2);
        CompletableFuture<Object> onRetracted = commands.send(new PinUpdate(tid, "u1"));
        assertThat(onRetracted).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingRootCause().isInstanceOf(UpdateRetractedException.class);
        CompletableFuture<Object> duplicate = commands.send(new PostUpdate(tid, "u2", CONTENT));
        assertThat(duplicate).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingRootCause().isInstanceOf(DuplicateUpdateException.class);
    }

    private boolean aRoundOfEditsSharedABatch() {
        DistributionSummary batches = meters.get("timeline.commands.batch.size").summary();
        long commitsBefore = batches.count();
        List<CompletableFuture<CommandResult>> edits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            edits.add(commands.send(new EditUpdate(tid, "u1", revision++, CONTENT, TYPO)));
        }
        for (int i = 0; i < edits.size(); i++) {
            assertThat(edits.get(i).join().revision()).isEqualTo(revision - edits.size() + i + 1);
        }
        return batches.count() - commitsBefore < edits.size();
    }
}
