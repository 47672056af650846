package news.timeline.command.groupcommit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Group commit: the commands that arrive while the store is busy are handled together, in one transaction, and
 * answered once it has committed. Each command is still handled alone by Axon (its own nested unit of work, its
 * timeline loaded and locked, its rules checked), but their events are stored by one batch insert and one commit:
 * one write of the store for many commands, where each used to cost one (H2 writes a chunk of its file per commit,
 * PostgreSQL flushes its log). A command is answered only after its batch committed, so an answer still means its
 * events are on disk.
 *
 * <p>A command refused by a rule (see {@code refusedWithoutEffect}) changed nothing, and the others of its batch go
 * on. Any other failure, or a commit that fails, rolls the whole batch back, and its commands are then handled again
 * one per transaction, so that each is answered for itself alone. A command whose timeline another instance sharing
 * the store changed first (see {@code storedFirstElsewhere}) is handled again, its timeline read as now stored.
 */
public class GroupCommitBus implements CommandBus {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitBus.class);
    private static final int ATTEMPTS_ALONE = 5;

    private final SimpleCommandBus handlers;
    private final TransactionManager transactions;
    private final Predicate<Throwable> refusedWithoutEffect;
    private final Predicate<Throwable> storedFirstElsewhere;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final List<MessageDispatchInterceptor<? super CommandMessage<?>>> dispatchInterceptors =
            new CopyOnWriteArrayList<>();
    private final DistributionSummary batchSizes;
    private final MeterRegistry meters;
    private final Counter handledAgain;
    private final Map<String, Counter> answered = new ConcurrentHashMap<>();
    private final Thread committer;
    private volatile boolean stopping;

    /**
     * @param handlers             runs each command's handler; without a transaction manager of its own, as the
     *                             batch holds the transaction
     * @param refusedWithoutEffect failures that leave the batch's other commands valid: a rule refused the command
     *                             before it applied any event
     * @param storedFirstElsewhere failures after which the command is handled again, as its timeline now stands:
     *                             another instance stored an event of the timeline first
     */
    public GroupCommitBus(SimpleCommandBus handlers, TransactionManager transactions,
                          Predicate<Throwable> refusedWithoutEffect, Predicate<Throwable> storedFirstElsewhere,
                          int maxBatch, MeterRegistry meters) {
        this.handlers = handlers;
        this.transactions = transactions;
        this.refusedWithoutEffect = refusedWithoutEffect;
        this.storedFirstElsewhere = storedFirstElsewhere;
        this.maxBatch = maxBatch;
        this.meters = meters;
        this.queue = new ArrayBlockingQueue<>(maxBatch * 8);
        this.batchSizes = DistributionSummary.builder("timeline.commands.batch.size")
                .description("commands stored by one commit").publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("timeline.commands.waiting", queue, BlockingQueue::size)
                .description("commands waiting for the next commit").register(meters);
        this.handledAgain = Counter.builder("timeline.commands.handled-again")
                .description("commands handled again: another instance had stored an event of their timeline first")
                .register(meters);
        this.committer = new Thread(this::commitBatches, "command-committer");
        committer.setDaemon(true);
        committer.start();
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    /** Waits while the queue is full: the callers (request threads) are held back, not refused. */
    @Override
    @SuppressWarnings("unchecked")
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        CommandMessage<?> intercepted = intercept(command);
        if (stopping) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new IllegalStateException("the command service is stopping")));
            return;
        }
        try {
            queue.put(new Pending(intercepted, (CommandCallback<Object, Object>) callback));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(e));
        }
    }

    /** Dispatch interceptors run in the caller's thread: they may read what belongs to it (the signed-in user). */
    private CommandMessage<?> intercept(CommandMessage<?> command) {
        CommandMessage<?> intercepted = command;
        for (MessageDispatchInterceptor<? super CommandMessage<?>> interceptor : dispatchInterceptors) {
            intercepted = (CommandMessage<?>) interceptor.handle(intercepted);
        }
        return intercepted;
    }

    private void commitBatches() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                batchSizes.record(batch.size());
                if (!commitTogether(batch, false)) {
                    batch.forEach(this::commitAlone);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("A batch of {} commands could not be handled", batch.size(), e);
                batch.forEach(pending -> answer(pending, GenericCommandResultMessage.asCommandResultMessage(e)));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * A command in a transaction of its own; handled again while another instance keeps storing an event of its
     * timeline first (the timeline, dropped from the cache by the rollback, is then read as stored), at most
     * {@value #ATTEMPTS_ALONE} times.
     */
    private void commitAlone(Pending pending) {
        int attempt = 1;
        while (!commitTogether(List.of(pending), attempt == ATTEMPTS_ALONE)) {
            attempt++;
            handledAgain.increment();
        }
    }

    /**
     * Handles the batch in one transaction and answers every command once it committed; false, having answered
     * none, when the batch must be handled again command by command, or a command alone again ({@code last}
     * false) because its timeline was stored first elsewhere.
     */
    private boolean commitTogether(List<Pending> batch, boolean last) {
        List<CommandResultMessage<?>> results = new ArrayList<>(batch.size());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        try {
            for (Pending pending : batch) {
                handlers.dispatch(pending.command(), (command, result) -> results.add(result));
                CommandResultMessage<?> result = results.get(results.size() - 1);
                if (result.isExceptional() && !refusedWithoutEffect.test(result.exceptionResult())
                        && (batch.size() > 1 || !last && storedFirstElsewhere.test(result.exceptionResult()))) {
                    unitOfWork.rollback(result.exceptionResult());
                    return false;
                }
            }
            unitOfWork.commit();
        } catch (RuntimeException | Error e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            if (e instanceof Error error) {
                throw error;
            }
            if (batch.size() > 1 || !last && storedFirstElsewhere.test(e)) {
                return false;
            }
            results.clear();
            results.add(GenericCommandResultMessage.asCommandResultMessage(e));
        }
        for (int i = 0; i < batch.size(); i++) {
            answer(batch.get(i), results.get(i));
        }
        return true;
    }

    /** Commands taken and not yet handled. */
    int waiting() {
        return queue.size();
    }

    /** Stops taking commands; those already taken are handled and answered before the committer ends. */
    public void stop() throws InterruptedException {
        stopping = true;
        committer.join();
        List<Pending> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(pending -> answer(pending, GenericCommandResultMessage.asCommandResultMessage(
                new IllegalStateException("the command service is stopping"))));
    }

    /** Answers the command's caller, counted by the command's type and its outcome. */
    private void answer(Pending pending, CommandResultMessage<?> result) {
        String outcome = !result.isExceptional() ? "accepted"
                : refusedWithoutEffect.test(result.exceptionResult()) ? "refused" : "failed";
        String command = pending.command().getPayloadType().getSimpleName();
        // looked up once per type and outcome: building a meter on every answer costs the hot path
        answered.computeIfAbsent(command + " " + outcome, key -> Counter.builder("timeline.commands")
                .description("commands answered, by type and outcome").tag("command", command).tag("outcome", outcome)
                .register(meters)).increment();
        pending.answer(result);
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return handlers.subscribe(commandName, handler);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        dispatchInterceptors.add(dispatchInterceptor);
        return () -> dispatchInterceptors.remove(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return handlers.registerHandlerInterceptor(handlerInterceptor);
    }

    private record Pending(CommandMessage<?> command, CommandCallback<Object, Object> callback) {

        @SuppressWarnings("unchecked")
        void answer(CommandResultMessage<?> result) {
            callback.onResult((CommandMessage<Object>) command, (CommandResultMessage<Object>) result);
        }
    }
}
