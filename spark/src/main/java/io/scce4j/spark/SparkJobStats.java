package io.scce4j.spark;

import java.io.Serializable;

/**
 * How Spark ran an evaluation: what a user looks for in the Spark UI, in numbers.
 *
 * @param tasks the tasks (one per partition) of the job
 * @param failedAttempts task attempts that failed and were run again (an executor lost, a store that failed)
 * @param executorsRemoved executors removed while the job ran: lost (a machine or its worker gone), or released
 *     by dynamic allocation
 */
public record SparkJobStats(int tasks, int failedAttempts, int executorsRemoved) implements Serializable {
}
