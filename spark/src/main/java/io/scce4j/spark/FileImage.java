package io.scce4j.spark;

import java.io.Serializable;

/**
 * One image of a folder evaluation, as a task receives it.
 *
 * @param name the image's name: its mask's file name
 * @param mask the mask's qualified URI
 * @param maskShown the mask as messages name it
 * @param prediction the prediction's qualified URI
 * @param predictionShown the prediction as messages name it
 */
record FileImage(String name, String mask, String maskShown, String prediction, String predictionShown)
        implements Serializable {
}
