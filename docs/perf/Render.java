// Renders docs/perf/scaling.png and prints the README's performance table from docs/perf/bench-*.json.
// Run from the repository root: bash docs/perf/render.sh (after ./scce4j bench --shape S --format json > ...).
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;

public class Render {
    static final List<String> OPS = List.of("loss", "loss-logits", "loss+gradient", "predict");

    static long elements(JsonNode run) {
        long n = 1;
        for (JsonNode d : run.get("shape")) {
            n *= d.asLong();
        }
        return n;
    }

    static String shape(JsonNode run) {
        return StreamSupport.stream(run.get("shape").spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.joining("x"));
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> runs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("docs/perf"))) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("bench-.*\\.json")).sorted()
                    .collect(Collectors.toList())) {
                runs.add(json.readTree(p.toFile()));
            }
        }
        runs.sort(Comparator.comparingLong(Render::elements));
        System.out.print(table(runs));
        ImageIO.write(curve(runs), "png", new File("docs/perf/scaling.png"));
        System.out.println("wrote docs/perf/scaling.png");
    }

    /** Median (min-max) ms and the ratio to the multi-threaded floor measured in the same run. */
    static String table(List<JsonNode> runs) {
        StringBuilder t = new StringBuilder("| shape | floor ms (1 / T threads) | backend | loss | loss-logits | "
                + "loss+gradient | predict |\n|---|---|---|---|---|---|---|\n");
        for (JsonNode run : runs) {
            double floorT = run.get("floor_ms").get(run.get("threads").asText()).asDouble();
            String floors = String.format(Locale.ROOT, "%.2f / %.2f", run.get("floor_ms").get("1").asDouble(), floorT);
            Map<String, Map<String, JsonNode>> byBackend = new LinkedHashMap<>();
            for (JsonNode r : run.get("results")) {
                byBackend.computeIfAbsent(r.get("backend").asText(), k -> new LinkedHashMap<>())
                        .put(r.get("op").asText(), r);
            }
            JsonNode keras = run.get("keras");
            if (keras != null) { // Keras itself, timed on the same batch in the same run
                t.append("| ").append(shape(run)).append(" | ").append(floors).append(" | Keras (")
                        .append(keras.get("versions").asText()).append(")");
                for (String op : OPS) {
                    JsonNode k = keras.get(op);
                    t.append(String.format(Locale.ROOT, " | %.1f (%.1f-%.1f) x%.1f", k.get("median_ms").asDouble(),
                            k.get("min_ms").asDouble(), k.get("max_ms").asDouble(),
                            k.get("median_ms").asDouble() / floorT));
                }
                t.append(" |\n");
            }
            for (Map.Entry<String, Map<String, JsonNode>> b : byBackend.entrySet()) {
                t.append("| ").append(shape(run)).append(" | ").append(floors).append(" | ").append(b.getKey());
                for (String op : OPS) {
                    JsonNode r = b.getValue().get(op);
                    t.append(String.format(Locale.ROOT, " | %.1f (%.1f-%.1f) x%.1f", r.get("median_ms").asDouble(),
                            r.get("min_ms").asDouble(), r.get("max_ms").asDouble(),
                            r.get("median_ms").asDouble() / floorT));
                    if (r.has("x_keras")) {
                        t.append(String.format(Locale.ROOT, ", %.2f of Keras", r.get("x_keras").asDouble()));
                    }
                }
                t.append(" |\n");
            }
        }
        return t.toString();
    }

    /** Median ms against the number of elements, log-log, one line per backend for loss and predict. */
    static BufferedImage curve(List<JsonNode> runs) {
        int w = 640;
        int h = 420;
        int left = 70;
        int bottom = 50;
        int top = 20;
        int right = 150;
        double minX = Math.log10(elements(runs.get(0)));
        double maxX = Math.log10(elements(runs.get(runs.size() - 1)));
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (JsonNode run : runs) {
            for (JsonNode r : run.get("results")) {
                double v = Math.log10(r.get("median_ms").asDouble());
                minY = Math.min(minY, v);
                maxY = Math.max(maxY, v);
            }
        }
        double y0 = Math.floor(minY);
        double y1 = Math.ceil(maxY);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double y = y0; y <= y1; y++) {
            int yy = (int) (h - bottom - (y - y0) / (y1 - y0) * (h - bottom - top));
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(left, yy, w - right, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%s ms", y >= 0 ? Long.toString((long) Math.pow(10, y))
                    : Double.toString(Math.pow(10, y))), 5, yy + 4);
        }
        for (JsonNode run : runs) {
            int xx = (int) (left + (Math.log10(elements(run)) - minX) / (maxX - minX) * (w - left - right));
            g.drawLine(xx, h - bottom, xx, h - bottom + 4);
            g.drawString(shape(run), Math.max(2, xx - 45), h - bottom + 18);
        }
        g.drawString("elements of y_pred (log scale); median time per call (log scale)", left, h - 12);
        Map<String, Color> colors = Map.of("cpu", new Color(0x1f77b4), "tf", new Color(0xd62728), "nd4j",
                new Color(0x2ca02c));
        Map<String, float[]> dashes = Map.of("loss", new float[] {1f, 0f}, "predict", new float[] {6f, 4f});
        int legendY = top + 10;
        for (String backend : List.of("cpu", "tf", "nd4j")) {
            for (String op : List.of("loss", "predict")) {
                List<int[]> pts = new ArrayList<>();
                for (JsonNode run : runs) {
                    for (JsonNode r : run.get("results")) {
                        if (r.get("backend").asText().equals(backend) && r.get("op").asText().equals(op)) {
                            int x = (int) (left + (Math.log10(elements(run)) - minX) / (maxX - minX)
                                    * (w - left - right));
                            int y = (int) (h - bottom - (Math.log10(r.get("median_ms").asDouble()) - y0) / (y1 - y0)
                                    * (h - bottom - top));
                            pts.add(new int[] {x, y});
                        }
                    }
                }
                if (pts.isEmpty()) {
                    continue;
                }
                g.setColor(colors.get(backend));
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes.get(op), 0f));
                for (int i = 1; i < pts.size(); i++) {
                    g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
                }
                g.drawLine(w - right + 10, legendY, w - right + 40, legendY);
                g.setStroke(new BasicStroke(1f));
                g.drawString(backend + " " + op, w - right + 45, legendY + 4);
                legendY += 16;
            }
        }
        g.dispose();
        return img;
    }
}
