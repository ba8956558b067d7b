package io.scce4j.archfixture.api;

/** Breaks: the api uses Guice, prints, and depends on a backend (a cycle through backend.one). */
public final class LeakyApi {
    public static Object injector(com.google.inject.Injector injector) {
        System.out.println("api printing");
        return new io.scce4j.archfixture.backend.one.FirstBackend();
    }
}
