package io.scce4j.spark;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Counts the tasks of one job group's job, their failed attempts and the executors removed meanwhile. */
final class JobListener extends SparkListener {
    /** The local property {@code SparkContext.setJobGroup} sets ({@code SparkContext.SPARK_JOB_GROUP_ID}). */
    private static final String JOB_GROUP = "spark.jobGroup.id";
    private final String group;
    private final Set<Integer> stages = new HashSet<>();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger executorsRemoved = new AtomicInteger();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int jobId = -1;

    JobListener(String group) {
        this.group = group;
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
        if (e.properties() != null && group.equals(e.properties().getProperty(JOB_GROUP))) {
            synchronized (stages) {
                for (Object s : scala.jdk.javaapi.CollectionConverters.asJava(e.stageIds())) {
                    stages.add((Integer) s);
                }
            }
            jobId = e.jobId();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        synchronized (stages) {
            if (!stages.contains(e.stageId())) {
                return;
            }
        }
        (e.taskInfo().successful() ? succeeded : failed).incrementAndGet();
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        executorsRemoved.incrementAndGet();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd e) {
        if (e.jobId() == jobId) {
            ended.countDown();
        }
    }

    /** The counts, once the listener has seen the job end (events arrive after the job's own completion). */
    SparkJobStats stats(int tasks) {
        try {
            ended.await(10, TimeUnit.SECONDS); // the listener bus is asynchronous; counts taken without it are low
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new SparkJobStats(tasks, failed.get(), executorsRemoved.get());
    }
}
