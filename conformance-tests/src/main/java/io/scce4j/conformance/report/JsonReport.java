package io.scce4j.conformance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.conformance.CaseResult;
import io.scce4j.conformance.CheckResult;
import io.scce4j.conformance.ConformanceReport;
import io.scce4j.conformance.Outcome;

/**
 * A report as JSON: the backend, the tolerance it claims and the kit's maximum (with the author's reason where a
 * looser claim was allowed), the counts over cases and checks, the summary, one object per check, then one per
 * case (with its comment and flags).
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The JSON document. */
    public static String render(ConformanceReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("backend", report.backend());
        root.putObject("tolerance").put("abs", report.tolerance().abs()).put("rel", report.tolerance().rel());
        root.putObject("tolerance_maximum").put("abs", report.maximumTolerance().abs())
                .put("rel", report.maximumTolerance().rel());
        root.put("loose_tolerance_allowed", report.looseToleranceAllowed().orElse(null));
        for (Outcome o : Outcome.values()) {
            root.put(o.name().toLowerCase(java.util.Locale.ROOT), report.count(o));
        }
        root.put("bit_exact", report.bitExactCount());
        root.put("max_ulp", report.maxUlps());
        root.put("summary", report.summary());
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : report.checks()) {
            checks.addObject().put("id", c.id()).put("title", c.title())
                    .put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT)).put("message", c.message());
        }
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : report.results()) {
            ObjectNode c = cases.addObject();
            c.put("id", r.testCase().id()).put("file", r.testCase().file()).put("kind",
                    r.testCase().kind().name().toLowerCase(java.util.Locale.ROOT));
            c.put("comment", r.testCase().comment());
            ArrayNode flags = c.putArray("flags");
            r.testCase().flags().forEach(flags::add);
            c.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT)).put("bit_exact", r.bitExact());
            c.put("max_ulp", r.maxUlps() == Long.MAX_VALUE ? -1 : r.maxUlps());
            if (!r.message().isEmpty()) {
                c.put("message", r.message());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report", e);
        }
    }
}
