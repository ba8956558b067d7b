package io.scce4j.spark;

import java.io.Serializable;

/**
 * Why an image could not be evaluated.
 *
 * @param name the image's name
 * @param classes its prediction's number of classes, or -1 when it was not read
 * @param message the one-line error
 * @param afterClassCheck whether it failed after its classes were read and checked against
 *     {@code --num-classes} (in the evaluation itself), so that a prediction with other classes than the first
 *     is reported as that, as {@code scce4j eval} checks classes first
 */
record ImageProblem(String name, int classes, String message, boolean afterClassCheck) implements Serializable {
}
