package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.guice.Scce4jModule;
import io.scce4j.spi.BackendProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scce4j conformance} runs what the JUnit suite runs: the cases, the tolerance claim against the kit's
 * maximum, the concurrency check and the closed-instance check, in every format and in the closing count.
 */
class ConformanceChecksCliTest {
    private static final String FORUM = Path.of("..", "conformance-tests", "src", "main", "resources", "io", "scce4j",
            "conformance", "cases", "keras3", "forum.json").toString();
    private static final String IGNORE_CLASS = Path.of("..", "conformance-tests", "src", "main", "resources", "io",
            "scce4j", "conformance", "cases", "keras3", "ignore_class.json").toString();

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
        String last() {
            return out.lines().reduce((a, b) -> b).orElse("");
        }
    }

    private static Result run(Module module, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), module);
        return new Result(status, out.toString(), err.toString());
    }

    private static Result run(String... args) {
        return run(new Scce4jModule(), args);
    }

    private static Module with(BackendProvider provider) {
        BackendProvider cpu = io.scce4j.discovery.Backends.discover().stream().filter(b -> b.id().equals("cpu"))
                .findFirst().orElseThrow().provider();
        return Modules.override(new Scce4jModule()).with(binder -> OptionalBinder
                .newOptionalBinder(binder, BackendSelector.class).setBinding()
                .toInstance(BackendSelector.of(List.of(cpu, provider), k -> null, k -> null)));
    }

    @Test
    void theChecksRunPrintOneLineEachAndCountInTheSummary() {
        Result r = run("conformance", "--backend", "cpu", "--cases", FORUM);
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("check scce4j-check-tolerance passed: claims abs 0.0, rel 1.0E-6, within the "
                + "kit's maximum abs 1.0E-6, rel 1.0E-5"), r.out());
        assertTrue(r.out().contains("check scce4j-check-concurrency passed: 8 threads x 250 calls: 2000 calls, "
                + "2000 bit-identical to one thread"), r.out());
        assertTrue(r.out().contains("check scce4j-check-closed passed: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("backend cpu ") && l.contains(", tolerance claimed abs "
                + "0.0, rel 1.0E-6 (maximum abs 1.0E-6, rel 1.0E-5): 3 of 3 passed cases bit-exact")), r.out());
        assertEquals("6 passed, 0 failed, 0 skipped", r.last(), "3 cases and 3 checks");
    }

    @Test
    void aBackendThatKeepsWorkingAfterCloseFailsTheCommand() {
        Result r = run(with(BrokenProviders.neverCloses()), "conformance", "--backend", "never-closes", "--cases",
                FORUM, "--calls-per-thread", "10");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAILED scce4j-check-closed (a closed instance "
                + "refuses every call with a clear error): backend.loss(options) on a closed backend returned "
                + "normally")), r.out());
        assertEquals("5 passed, 1 failed, 0 skipped", r.last());
    }

    @Test
    void aWrongDivisorClaimingAToleranceOfTenFails() {
        Result r = run(with(BrokenProviders.wrongDivisorClaimingTen()), "conformance", "--backend", "wrong-divisor",
                "--cases", IGNORE_CLASS, "--calls-per-thread", "10");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAILED scce4j-check-tolerance (the claimed tolerance "
                + "is no looser than the kit's maximum): claims abs 10.0, rel 10.0, looser than the kit's maximum")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAILED keras3-ignore_class-")), r.out());
        assertTrue(r.out().contains("tolerance claimed abs 10.0, rel 10.0 (maximum abs 1.0E-6, rel 1.0E-5), LOOSER "
                + "THAN THE MAXIMUM: refused, cases checked at the maximum"), r.out());
    }

    @Test
    void aLooseToleranceAllowedByNameIsWaivedAndEveryFormatSaysSo() throws IOException {
        Path html = dir.resolve("loose.html");
        String reason = "our accelerator rounds to bfloat16";
        Result text = run("conformance", "--backend", "cpu", "--cases", FORUM, "--abs", "0.01",
                "--allow-loose-tolerance", reason, "--report", html.toString());
        assertEquals(0, text.status(), text.out() + text.err());
        assertTrue(text.out().contains("check scce4j-check-tolerance waived: claims abs 0.01, rel 1.0E-6, looser "
                + "than the kit's maximum abs 1.0E-6, rel 1.0E-5; LOOSE TOLERANCE ALLOWED by the author: " + reason),
                text.out());
        assertTrue(text.out().contains("LOOSER THAN THE MAXIMUM, allowed by the author: " + reason), text.out());
        assertEquals("5 passed, 0 failed, 0 skipped, 1 waived", text.last());
        assertTrue(Files.readString(html).contains("Loose tolerance allowed by the author"));

        Result json = run("conformance", "--backend", "cpu", "--cases", FORUM, "--abs", "0.01",
                "--allow-loose-tolerance", reason, "--format", "json");
        JsonNode j = Output.JSON.readTree(json.out());
        assertEquals(reason, j.get("loose_tolerance_allowed").asText());
        assertEquals(0.01, j.get("tolerance").get("abs").asDouble());
        assertEquals(1e-6, j.get("tolerance_maximum").get("abs").asDouble());
        assertEquals("waived", j.get("checks").get(0).get("outcome").asText());

        Result xml = run("conformance", "--backend", "cpu", "--cases", FORUM, "--abs", "0.01",
                "--allow-loose-tolerance", reason, "--format", "junit-xml");
        assertTrue(xml.out().contains("<property name=\"tolerance.loose-allowed\" value=\"" + reason + "\""),
                xml.out());
        assertTrue(xml.out().contains("<testsuite name=\"scce4j conformance checks: cpu"), xml.out());
    }

    @Test
    void aLooseClaimWithoutTheOptOutFailsWithExitOne() {
        Result r = run("conformance", "--backend", "cpu", "--cases", FORUM, "--abs", "0.01");
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals("5 passed, 1 failed, 0 skipped", r.last());
    }

    @Test
    void theChecksAreInTheJsonAndJunitXmlReports() throws IOException {
        JsonNode j = Output.JSON.readTree(run("conformance", "--backend", "cpu", "--cases", FORUM, "--format", "json")
                .out());
        assertEquals(3, j.get("checks").size());
        assertEquals(6, j.get("passed").asInt());
        String xml = run("conformance", "--backend", "cpu", "--cases", FORUM, "--format", "junit-xml").out();
        assertTrue(xml.contains("<testsuites name=\"scce4j conformance: cpu") && xml.contains("tests=\"6\""), xml);
        assertTrue(xml.contains("name=\"scce4j-check-closed a closed instance refuses every call"), xml);
    }

    @Test
    void anEmptyReasonIsAUsageError() {
        Result r = run("conformance", "--backend", "cpu", "--cases", FORUM, "--allow-loose-tolerance", " ");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("scce4j: error: --allow-loose-tolerance needs a reason"), r.err());
    }
}
