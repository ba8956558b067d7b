/**
 * Segmentation evaluation as a library: what {@code scce4j eval} computes and prints, for any program (a Spark
 * job, say) that brings its own backend. {@link io.scce4j.eval.ImagePairs} pairs masks with predictions,
 * {@link io.scce4j.eval.Evaluator} evaluates one image with the loss and predictor it is given,
 * {@link io.scce4j.eval.Evaluation#combine} merges evaluations exactly (the loss, accuracy, IoU and confusion
 * matrix do not depend on how the set was split or merged), and {@link io.scce4j.eval.EvaluationReport} prints
 * them.
 * <pre>{@code
 * try (Backend backend = Backends.load("cpu")) {
 *     LossOptions options = LossOptions.builder().reduction(Reduction.SUM).ignoreClass(255).build();
 *     Evaluator evaluator = new Evaluator(backend.loss(options), backend.predictor());
 *     Evaluation all = new Evaluation();
 *     for (ImagePair pair : ImagePairs.of(Path.of("masks"), Path.of("predictions"))) {
 *         all.combine(evaluator.evaluate(pair.name(),
 *                 ArrayFiles.readLabels(pair.mask(), "y_true", MaskChannel.red),
 *                 ArrayFiles.read(pair.prediction(), "y_pred")));
 *     }
 *     System.out.print(EvaluationReport.of(all, options, 5).text());
 * }
 * }</pre>
 */
package io.scce4j.eval;
