package io.shipwatch.markers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the delivery outbox: claims due deliveries, hands each deployment's current state to its sink, and records
 * the outcome. A sink that is down is retried with exponential backoff (1 s doubling to 5 min, with jitter) for as
 * long as it takes; a sink that refuses for good (a 4xx other than 408/429) is given up on for that revision.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    static final Duration LEASE = Duration.ofSeconds(60); // longer than any sink's connect + request timeout
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);

    private final DeliveryQueue queue;
    private final Map<String, MarkerSink> sinks;
    private final Clock clock;
    private final String owner;
    private final Duration pollInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    public DeliveryWorker(DeliveryQueue queue, List<MarkerSink> sinks, Clock clock, String owner, Duration pollInterval) {
        this.queue = queue;
        this.sinks = sinks.stream().collect(java.util.stream.Collectors.toMap(MarkerSink::name, s -> s));
        this.clock = clock;
        this.owner = owner;
        this.pollInterval = pollInterval;
    }

    /** Delivers what is due now; returns how many deliveries were attempted. */
    public int runOnce() {
        List<DeliveryQueue.Task> tasks = queue.claimDue(owner, clock.instant(), LEASE, 20);
        for (DeliveryQueue.Task task : tasks) {
            deliver(task);
        }
        return tasks.size();
    }

    private void deliver(DeliveryQueue.Task task) {
        MarkerSink sink = sinks.get(task.sink());
        if (sink == null) {
            queue.failed(task, owner, "sink '" + task.sink() + "' is no longer configured", null, clock.instant());
            return;
        }
        try {
            String ref = sink.deliver(task.deployment(), task.externalRef(), task.deliveryKey());
            queue.delivered(task, owner, ref, clock.instant());
        } catch (SinkException e) {
            Instant now = clock.instant();
            Instant next = e.retryable() ? now.plus(backoff(task.attempts() + 1)) : null;
            LOG.warn("delivery of deployment {} to {} failed ({}): {}", task.deployment().id(), task.sink(),
                    next == null ? "giving up" : "retrying at " + next, e.getMessage());
            queue.failed(task, owner, e.getMessage(), next, now);
        } catch (RuntimeException e) {
            // A bug in a sink must not stop the worker; treat it as retryable and keep the reason visible.
            LOG.error("sink {} failed unexpectedly", task.sink(), e);
            Instant now = clock.instant();
            queue.failed(task, owner, "unexpected error: " + e, now.plus(backoff(task.attempts() + 1)), now);
        }
    }

    /** The wait before attempt {@code attempt} (1-based): 1 s, 2 s, 4 s … up to 5 min, ±20 % jitter. */
    static Duration backoff(int attempt) {
        long base = FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, MAX_RETRY.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }

    /** Starts delivering in a background thread, polling every {@code pollInterval} or sooner when woken. */
    public void start() {
        running = true;
        thread = new Thread(this::loop, "shipwatch-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the worker to look for due deliveries now (a deployment was just recorded). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                while (running && runOnce() > 0) {
                    // keep draining while there is work
                }
            } catch (RuntimeException e) {
                LOG.warn("delivery worker could not read the outbox: {}", e.getMessage());
            }
            lock.lock();
            try {
                if (!woken && running) {
                    wake.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
                woken = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            wake();
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
