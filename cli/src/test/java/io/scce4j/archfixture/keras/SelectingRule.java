package io.scce4j.archfixture.keras;

/** Breaks: a Keras rule that reaches into backend discovery instead of depending on the api's types alone. */
public final class SelectingRule {
    public static Object rule(io.scce4j.discovery.BackendSelector selector) {
        return selector;
    }
}
