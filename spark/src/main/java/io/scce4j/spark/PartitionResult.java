package io.scce4j.spark;

import io.scce4j.eval.Evaluation;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one task sends back: the evaluation of its good images, one per number of classes (which of them counts is
 * decided on the driver, in image order, as {@code scce4j eval} decides it), and its bad images.
 *
 * @param images how many images the task went through
 * @param evaluations the good images' evaluations by their predictions' number of classes
 * @param problems the bad images, in the task's order
 */
record PartitionResult(int images, Map<Integer, Evaluation> evaluations, List<ImageProblem> problems)
        implements Serializable {
}
