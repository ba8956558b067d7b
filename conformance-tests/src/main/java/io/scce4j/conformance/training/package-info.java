/**
 * Keras's training step as reference vectors ({@code scce4j-training/1}): a tiny segmentation model, its initial
 * weights, a batch, and what three SGD steps of Keras's {@code model.fit} logged and left behind, for Keras 3 and
 * tf_keras; and the comparison that training integrations (TensorFlow Java, DL4J) are checked with.
 *
 * <pre>{@code
 * TrainingVectors v = TrainingVectors.bundled(LossProfile.KERAS3);
 * for (TrainingCase c : v.cases()) {
 *     TrainingRun run = myTrainer.train(v, c);                          // your three steps
 *     TrainingComparison cmp = TrainingComparison.of(c, run);
 *     assertTrue(cmp.within(Tolerance.EXACT), cmp.summary());
 * }
 * }</pre>
 */
package io.scce4j.conformance.training;
