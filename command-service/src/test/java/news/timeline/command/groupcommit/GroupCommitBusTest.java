package news.timeline.command.groupcommit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands that wait together are stored by one commit, each is answered only after the commit that stored it, and
 * one command's failure never makes another's answer wrong. Commands here are plain strings: "refuse" is refused by
 * a rule, "fail" fails otherwise, "hold" waits until released; the others succeed and write themselves to
 * {@code stored} when their transaction commits.
 */
class GroupCommitBusTest {

    private final Transactions transactions = new Transactions();
    private final List<String> stored = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final SimpleCommandBus handlers = SimpleCommandBus.builder().build();
    private final GroupCommitBus bus = new GroupCommitBus(handlers, transactions,
            failure -> failure instanceof Refused, failure -> failure instanceof StoredFirstElsewhere, 64,
            new SimpleMeterRegistry());

    GroupCommitBusTest() {
        handlers.subscribe(String.class.getName(), command -> {
            String text = (String) command.getPayload();
            switch (text) {
                case "refuse" -> throw new Refused();
                case "fail" -> throw new IllegalStateException("broken");
                case "hold" -> {
                    holding.countDown();
                    release.await();
                }
                default -> {
                }
            }
            CurrentUnitOfWork.get().onCommit(unitOfWork -> transactions.pending.add(text));
            return text.toUpperCase();
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        bus.stop();
    }

    @Test
    void commandsThatWaitTogetherAreCommittedTogether() throws Exception {
        CompletableFuture<CommandResultMessage<?>> held = send("hold");
        holding.await(5, TimeUnit.SECONDS);
        List<CompletableFuture<CommandResultMessage<?>>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(send("post-" + i));
        }
        await().until(() -> bus.waiting() == 10);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        release.countDown();

        assertThat(held.get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("HOLD");
        for (int i = 0; i < 10; i++) {
            assertThat(waiting.get(i).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("POST-" + i);
        }
        assertThat(transactions.commits).isEqualTo(2);
        assertThat(stored).containsExactly("hold", "post-0", "post-1", "post-2", "post-3", "post-4", "post-5",
                "post-6", "post-7", "post-8", "post-9");
    }

    @Test
    void aRefusedCommandIsAnsweredAloneAndTheOthersOfItsBatchAreCommitted() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> batch = heldBatch("a", "refuse", "b");

        assertThat(batch.get(1).get(5, TimeUnit.SECONDS).exceptionResult()).isInstanceOf(Refused.class);
        assertThat(batch.get(0).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(batch.get(2).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("B");
        assertThat(transactions.commits).isEqualTo(2);
        assertThat(transactions.rollbacks).isZero();
        assertThat(stored).containsExactly("hold", "a", "b");
    }

    @Test
    void anyOtherFailureRollsTheBatchBackAndEachCommandIsHandledAgainAlone() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> batch = heldBatch("a", "fail", "b");

        assertThat(batch.get(0).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(batch.get(1).get(5, TimeUnit.SECONDS).exceptionResult()).hasMessage("broken");
        assertThat(batch.get(2).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("B");
        assertThat(transactions.rollbacks).isEqualTo(1);
        assertThat(stored).containsExactly("hold", "a", "b");
    }

    @Test
    void aCommitThatFailsIsRetriedCommandByCommandAndOnlyTheFailingOneIsAnsweredWithIt() throws Exception {
        transactions.failCommitsWith = "b";
        List<CompletableFuture<CommandResultMessage<?>>> batch = heldBatch("a", "b", "c");

        assertThat(batch.get(0).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(batch.get(1).get(5, TimeUnit.SECONDS).exceptionResult()).hasMessage("the store failed");
        assertThat(batch.get(2).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("C");
        assertThat(stored).containsExactly("hold", "a", "c");
    }

    @Test
    void aCommandWhoseTimelineWasStoredFirstElsewhereIsHandledAgainUntilItIsStored() throws Exception {
        transactions.conflictWith("b", 2);
        List<CompletableFuture<CommandResultMessage<?>>> batch = heldBatch("a", "b", "c");

        assertThat(batch.get(0).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(batch.get(1).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("B");
        assertThat(batch.get(2).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("C");
        assertThat(stored).containsExactly("hold", "a", "b", "c");
    }

    @Test
    void aCommandStillStoredFirstElsewhereAfterFiveAttemptsIsAnsweredWithTheConflict() throws Exception {
        transactions.conflictWith("b", 100);
        List<CompletableFuture<CommandResultMessage<?>>> batch = heldBatch("a", "b");

        assertThat(batch.get(1).get(5, TimeUnit.SECONDS).exceptionResult()).isInstanceOf(StoredFirstElsewhere.class);
        assertThat(batch.get(0).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(transactions.conflicts).as("the batch's commit, then five attempts alone").isEqualTo(6);
    }

    @Test
    void noCommandIsAnsweredBeforeItsCommit() throws Exception {
        AtomicBoolean answeredBeforeCommit = new AtomicBoolean();
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage("a"), (command, result) -> {
            answeredBeforeCommit.set(!stored.contains("a"));
            answer.complete(result);
        });

        assertThat(answer.get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(answeredBeforeCommit).isFalse();
    }

    @Test
    void aStoppingBusAnswersWhatItTookAndRefusesWhatComesLater() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> batch = heldBatch("a");
        bus.stop();

        assertThat(batch.get(0).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(send("late").get(5, TimeUnit.SECONDS).exceptionResult()).hasMessageContaining("stopping");
    }

    /** Sends "hold", then the given commands while it holds the committer, then releases it. */
    private List<CompletableFuture<CommandResultMessage<?>>> heldBatch(String... commands) throws Exception {
        send("hold");
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<CommandResultMessage<?>>> answers = new ArrayList<>();
        for (String command : commands) {
            answers.add(send(command));
        }
        await().until(() -> bus.waiting() == commands.length);
        new Thread(release::countDown).start();
        return answers;
    }

    private CompletableFuture<CommandResultMessage<?>> send(String text) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        CommandMessage<String> command = GenericCommandMessage.asCommandMessage(text);
        bus.dispatch(command, (message, result) -> answer.complete(result));
        return answer;
    }

    private static final class Refused extends RuntimeException {
    }

    private static final class StoredFirstElsewhere extends RuntimeException {
    }

    /** Counts transactions; what a committed one held is moved to {@code stored}, what a rolled back one held is lost. */
    private final class Transactions implements TransactionManager {

        final List<String> pending = new ArrayList<>();
        int commits;
        int rollbacks;
        String failCommitsWith;
        String conflicting;
        int conflictsLeft;
        int conflicts;

        /** The next {@code times} commits holding {@code command} fail as if another writer had stored first. */
        void conflictWith(String command, int times) {
            conflicting = command;
            conflictsLeft = times;
        }

        @Override
        public Transaction startTransaction() {
            pending.clear();
            return new Transaction() {
                @Override
                public void commit() {
                    if (failCommitsWith != null && pending.contains(failCommitsWith)) {
                        pending.clear();
                        throw new IllegalStateException("the store failed");
                    }
                    if (conflictsLeft > 0 && pending.contains(conflicting)) {
                        conflictsLeft--;
                        conflicts++;
                        pending.clear();
                        throw new StoredFirstElsewhere();
                    }
                    commits++;
                    stored.addAll(pending);
                    pending.clear();
                }

                @Override
                public void rollback() {
                    rollbacks++;
                    pending.clear();
                }
            };
        }
    }
}
