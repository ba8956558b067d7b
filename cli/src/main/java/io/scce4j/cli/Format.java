package io.scce4j.cli;

/** Output formats. */
enum Format {
    text, json
}
