package io.scce4j.io;

/**
 * Which channel of an RGB(A) mask PNG holds the class (the CARLA dataset keeps it in red). Gray and palette masks
 * have one value per pixel and ignore it. The constants are lower case because they are the command's
 * {@code --mask-channel} values.
 */
public enum MaskChannel {
    /** The red channel. */
    red,
    /** The green channel. */
    green,
    /** The blue channel. */
    blue,
    /** The largest of red, green and blue. */
    max
}
