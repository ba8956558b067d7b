package io.scce4j.conformance.report;

import io.scce4j.conformance.CaseResult;
import io.scce4j.conformance.CheckResult;
import io.scce4j.conformance.ConformanceReport;
import io.scce4j.conformance.Outcome;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page for people: the summary, the tolerance claimed against the kit's maximum (and the
 * author's reason where a looser claim was allowed), the kit's checks, where the failures cluster (by file, kind,
 * profile and flag: the parameters of the matrix that failed), the cases furthest from Keras, and every case in a
 * table with its comment and flags.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** The page. */
    public static String render(ConformanceReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>scce4j conformance: ").append(esc(report.backend())).append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;vertical-align:top}th{background:#f3f3f3}.FAILED{background:#fdd}")
                .append(".SKIPPED,.WAIVED{background:#eee}.PASSED{background:#efe}.num{text-align:right}")
                .append("code{font-size:12px}</style></head><body>\n");
        h.append("<h1>Conformance of <code>").append(esc(report.backend())).append("</code> with Keras</h1>\n");
        h.append("<p class=\"").append(report.passed() ? "PASSED" : "FAILED").append("\"><b>")
                .append(esc(report.summary())).append("</b> (cases and checks). Tolerance claimed: ")
                .append(esc(report.tolerance().toString())).append(" (the kit's maximum: ")
                .append(esc(report.maximumTolerance().toString())).append("). Bit-exact: ")
                .append(report.bitExactCount()).append(" of ").append(report.caseCount(Outcome.PASSED))
                .append(" passed cases. Largest deviation: ").append(report.maxUlps()).append(" ulp.</p>\n");
        report.looseToleranceAllowed().ifPresent(reason -> h.append("<p class=\"WAIVED\"><b>Loose tolerance ")
                .append("allowed by the author</b>: the claim is looser than the kit's maximum and the cases were ")
                .append("checked at the claim. Reason given: ").append(esc(reason)).append("</p>\n"));

        h.append("<h2>Checks</h2><table><tr><th>check</th><th>outcome</th><th>what was found</th></tr>\n");
        for (CheckResult c : report.checks()) {
            h.append("<tr class=\"").append(c.outcome()).append("\"><td><code>").append(esc(c.id()))
                    .append("</code> ").append(esc(c.title())).append("</td><td>").append(c.outcome())
                    .append("</td><td>").append(esc(c.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        List<CaseResult> failed = report.results().stream().filter(r -> r.outcome() == Outcome.FAILED)
                .collect(Collectors.toList());
        if (!failed.isEmpty()) {
            h.append("<h2>Where the failures are</h2><table><tr><th>parameter</th><th>value</th>")
                    .append("<th class=\"num\">failed</th></tr>\n");
            Map<String, Integer> counts = new TreeMap<>();
            for (CaseResult r : failed) {
                counts.merge("file\t" + r.testCase().file().replaceAll(".*/", ""), 1, Integer::sum);
                counts.merge("kind\t" + r.testCase().kind(), 1, Integer::sum);
                counts.merge("profile\t" + r.testCase().profile(), 1, Integer::sum);
                r.testCase().flags().forEach(f -> counts.merge("flag\t" + f, 1, Integer::sum));
                if (r.testCase().options() != null) {
                    counts.merge("reduction\t" + r.testCase().options().reduction(), 1, Integer::sum);
                    counts.merge("from_logits\t" + r.testCase().options().fromLogits(), 1, Integer::sum);
                }
            }
            counts.forEach((k, v) -> {
                String[] kv = k.split("\t");
                h.append("<tr><td>").append(esc(kv[0])).append("</td><td>").append(esc(kv[1]))
                        .append("</td><td class=\"num\">").append(v).append("</td></tr>\n");
            });
            h.append("</table>\n");
        }

        h.append("<h2>Furthest from Keras</h2><table><tr><th>case</th><th>outcome</th><th class=\"num\">max ulp")
                .append("</th><th>comment</th></tr>\n");
        report.results().stream().filter(r -> r.maxUlps() > 0)
                .sorted(Comparator.comparingLong(CaseResult::maxUlps).reversed()).limit(15)
                .forEach(r -> h.append("<tr class=\"").append(r.outcome()).append("\"><td><code>")
                        .append(esc(r.testCase().id())).append("</code></td><td>").append(r.outcome())
                        .append("</td><td class=\"num\">").append(ulps(r)).append("</td><td>")
                        .append(esc(r.testCase().comment())).append("</td></tr>\n"));
        h.append("</table>\n");

        h.append("<h2>Every case</h2><table><tr><th>case</th><th>kind</th><th>outcome</th><th>bit-exact</th>")
                .append("<th class=\"num\">max ulp</th><th>comment</th><th>flags</th><th>message</th></tr>\n");
        for (CaseResult r : report.results()) {
            h.append("<tr class=\"").append(r.outcome()).append("\"><td><code>").append(esc(r.testCase().id()))
                    .append("</code></td><td>").append(r.testCase().kind()).append("</td><td>").append(r.outcome())
                    .append("</td><td>").append(r.bitExact() ? "yes" : "").append("</td><td class=\"num\">")
                    .append(ulps(r)).append("</td><td>").append(esc(r.testCase().comment())).append("</td><td>")
                    .append(esc(String.join(", ", r.testCase().flags()))).append("</td><td>")
                    .append(esc(r.message())).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static String ulps(CaseResult r) {
        return r.maxUlps() == Long.MAX_VALUE ? "&infin;" : Long.toString(r.maxUlps());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
