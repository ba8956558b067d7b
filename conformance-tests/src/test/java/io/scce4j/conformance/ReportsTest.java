package io.scce4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scce4j.api.Backend;
import io.scce4j.api.Tolerance;
import io.scce4j.conformance.report.HtmlReport;
import io.scce4j.conformance.report.JsonReport;
import io.scce4j.conformance.report.JunitXmlReport;
import io.scce4j.discovery.Backends;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every report format shows the claimed tolerance, the kit's maximum, an allowed loose claim, and the checks. */
class ReportsTest {
    private static final Backend CPU = Backends.load("cpu");
    private static final List<TestCase> CASES = ConformanceKit.defaultCases().subList(0, 5);

    @AfterAll
    static void close() {
        CPU.close();
    }

    private static ConformanceReport strict() {
        return ConformanceKit.forBackend(CPU).cases(CASES).concurrency(2, 5).closedInstance(() -> Backends.load("cpu"))
                .run();
    }

    private static ConformanceReport looseAllowed() {
        return ConformanceKit.forBackend(CPU).cases(CASES).tolerance(Tolerance.of(1e-3, 0)).concurrency(2, 5)
                .allowLooseTolerance("a reason <with> markup & more").run();
    }

    @Test
    void jsonHasTheClaimTheMaximumTheChecksAndEachCasesCommentAndFlags() throws Exception {
        JsonNode j = new ObjectMapper().readTree(JsonReport.render(strict()));
        assertEquals(1e-6, j.get("tolerance").get("rel").asDouble());
        assertEquals(1e-6, j.get("tolerance_maximum").get("abs").asDouble());
        assertEquals(1e-5, j.get("tolerance_maximum").get("rel").asDouble());
        assertTrue(j.get("loose_tolerance_allowed").isNull());
        assertEquals(3, j.get("checks").size());
        assertEquals("scce4j-check-closed", j.get("checks").get(2).get("id").asText());
        assertEquals("passed", j.get("checks").get(2).get("outcome").asText());
        assertEquals(8, j.get("passed").asInt(), "5 cases and 3 checks");
        assertEquals("8 passed, 0 failed, 0 skipped", j.get("summary").asText());
        JsonNode first = j.get("cases").get(0);
        assertEquals(CASES.get(0).comment(), first.get("comment").asText());
        assertEquals(CASES.get(0).flags().size(), first.get("flags").size());

        JsonNode loose = new ObjectMapper().readTree(JsonReport.render(looseAllowed()));
        assertEquals("a reason <with> markup & more", loose.get("loose_tolerance_allowed").asText());
        assertEquals("waived", loose.get("checks").get(0).get("outcome").asText());
        assertEquals("skipped", loose.get("checks").get(2).get("outcome").asText());
    }

    @Test
    void junitXmlHasACasesSuiteAndAChecksSuiteWithTheToleranceAsProperties() throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(JunitXmlReport.render(looseAllowed()))));
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("8", root.getAttribute("tests"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        assertEquals("5", ((Element) suites.item(0)).getAttribute("tests"));
        Element checks = (Element) suites.item(1);
        assertEquals("3", checks.getAttribute("tests"));
        assertEquals("2", checks.getAttribute("skipped"),
                "the waived tolerance and the closed check without an instance");
        String xml = JunitXmlReport.render(looseAllowed());
        assertTrue(xml.contains("<property name=\"tolerance.claimed\" value=\"abs 0.001, rel 0.0\""), xml);
        assertTrue(xml.contains("<property name=\"tolerance.maximum\" value=\"abs 1.0E-6, rel 1.0E-5\""), xml);
        assertTrue(xml.contains("name=\"tolerance.loose-allowed\" value=\"a reason &lt;with&gt; markup &amp; more\""),
                xml);
        TestCase c = CASES.get(0);
        assertTrue(xml.contains("name=\"" + c.id() + " " + c.comment().replace("&", "&amp;") + " ["
                + String.join(", ", c.flags()) + "]\""), xml);
    }

    @Test
    void htmlShowsTheClaimTheMaximumTheAllowedLooseReasonTheChecksAndTheFlags() {
        String page = HtmlReport.render(looseAllowed());
        assertTrue(page.contains("Tolerance claimed: abs 0.001, rel 0.0 (the kit's maximum: abs 1.0E-6, rel 1.0E-5)"),
                page);
        assertTrue(page.contains("Loose tolerance allowed by the author") && page.contains(
                "a reason &lt;with&gt; markup &amp; more"), page);
        assertTrue(page.contains("<h2>Checks</h2>") && page.contains("scce4j-check-concurrency"), page);
        assertTrue(page.contains("<th>flags</th>"), page);
        assertTrue(HtmlReport.render(strict()).contains("scce4j-check-closed</code> a closed instance refuses"));
    }

    @Test
    void theToleranceLineSaysWhetherTheClaimIsWithinTheMaximumRefusedOrAllowed() {
        assertEquals("tolerance claimed abs 0.0, rel 1.0E-6 (maximum abs 1.0E-6, rel 1.0E-5)",
                strict().toleranceLine());
        assertEquals("tolerance claimed abs 0.001, rel 0.0 (maximum abs 1.0E-6, rel 1.0E-5), LOOSER THAN THE MAXIMUM, "
                + "allowed by the author: a reason <with> markup & more", looseAllowed().toleranceLine());
    }
}
