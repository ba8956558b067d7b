package io.scce4j.cli.image;

/** Which channel of an RGB mask holds the class (the CARLA dataset keeps it in red). */
public enum MaskChannel {
    red, green, blue, max
}
