package io.scce4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.LossOptions;
import io.scce4j.api.Reduction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The reports against what {@code scce4j eval --y-true docs/example/masks --y-pred docs/example/predictions
 * --ignore-class 255 --backend cpu} printed ({@code --format text}, {@code --format json}) and wrote ({@code --csv},
 * {@code --report}) at commit 1ecc12b, before the evaluation moved out of the cli: the {@code example-report.*}
 * resources. The evaluation is rebuilt from that run's per-image numbers (float32 loss sums, valid and correct
 * pixels) and its confusion matrix. The HTML's heat map, drawn with the machine's fonts, is compared apart.
 */
class EvaluationReportTest {
    private static final LossOptions OPTIONS = LossOptions.builder().reduction(Reduction.SUM).ignoreClass(255)
            .build();
    private static final String HEAT_MAP = "data:image/png;base64,([A-Za-z0-9+/=]+)";

    private static Evaluation example() {
        ConfusionMatrix all = new ConfusionMatrix(4);
        long[][] counts = {{4022, 158, 150, 143}, {112, 2765, 103, 92}, {17, 24, 503, 17}, {21, 25, 19, 661}};
        for (int t = 0; t < 4; t++) {
            for (int p = 0; p < 4; p++) {
                for (long k = 0; k < counts[t][p]; k++) {
                    all.add(t, p);
                }
            }
        }
        Evaluation e = new Evaluation();
        // combined out of order: the reports list images by name
        e.combine(new Evaluation(new ImageResult("img2.npy", 3072, 2944, 1220.32470703125, 2654),
                new ConfusionMatrix(4)));
        e.combine(new Evaluation(new ImageResult("img0.npy", 3072, 2944, 1205.7921142578125, 2649), all));
        e.combine(new Evaluation(new ImageResult("img1.npy", 3072, 2944, 1222.68701171875, 2648),
                new ConfusionMatrix(4)));
        return e;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EvaluationReportTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theTextReportIsWhatTheCommandPrintedBefore() throws IOException {
        assertEquals(resource("example-report.txt").replace("\n", System.lineSeparator()),
                EvaluationReport.of(example(), OPTIONS, 5).text());
    }

    @Test
    void theJsonReportIsWhatTheCommandPrintedBeforeToTheLastDigitOfTheLoss() throws IOException {
        assertEquals(resource("example-report.json").replace("\n", System.lineSeparator()),
                EvaluationReport.of(example(), OPTIONS, 5).json());
    }

    @Test
    void theCsvIsWhatTheCommandWroteBefore() throws IOException {
        assertEquals(resource("example-report.csv"), EvaluationReport.of(example(), OPTIONS, 5).csv());
    }

    @Test
    void theHtmlPageIsWhatTheCommandWroteBeforeAndEmbedsADecodableHeatMap() throws IOException {
        String html = EvaluationReport.of(example(), OPTIONS, 5).html();
        Matcher png = Pattern.compile(HEAT_MAP).matcher(html);
        assertTrue(png.find(), "the page embeds the confusion heat map");
        BufferedImage heatMap = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.group(1))));
        assertEquals(30 + 4 * 40 + 1, heatMap.getWidth());
        // the resource has HEATMAP for the image; the worst images' rows end in the platform's line separator
        assertEquals(resource("example-report.html"), html.replaceAll(HEAT_MAP, "data:image/png;base64,HEATMAP")
                .replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theHtmlCaptionDescribesTheMeanItShowsNotTheSumReductionOfTheOptions() {
        String html = EvaluationReport.of(example(), OPTIONS, 5).html();
        assertFalse(html.contains("reduction=sum"), "the page shows a mean");
        assertTrue(html.contains("the mean over its valid pixels (profile keras3, from probabilities, ignore_class "
                + "255)"), html);
    }

    @Test
    void oneImageIsCountedAsOneImage() {
        Evaluation one = new Evaluation().combine(new Evaluation(new ImageResult("a.png", 4, 4, 1.0, 4),
                new ConfusionMatrix(2)));
        assertTrue(EvaluationReport.of(one, OPTIONS, 5).text().startsWith("1 image, 4 pixels evaluated"));
    }

    @Test
    void theWorstImagesComeHighestMeanLossFirstAndAsManyAsAsked() {
        List<ImageResult> worst = EvaluationReport.of(example(), OPTIONS, 2).worst();
        assertEquals(List.of("img1.npy", "img2.npy"), worst.stream().map(ImageResult::name).toList());
    }
}
