package io.scce4j.cli;

import io.scce4j.eval.LabelErrors;
import static io.scce4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.io.Npy;
import io.scce4j.io.PngMasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 2: a label out of range is reported with the file, the image, the row and the column, the valid
 * range, and {@code --ignore-class} when the label looks like a void border's; in a folder run, the error and
 * the progress line above it name the file being read.
 */
class LabelErrorsTest {
    @TempDir
    Path dir;

    private Path probabilities(String name, int images, int h, int w, int classes) throws IOException {
        float[] p = new float[Math.max(1, images) * h * w * classes];
        java.util.Arrays.fill(p, 1f / classes);
        Path f = dir.resolve(name);
        Npy.write(f, Tensor.ofFloats(images == 0 ? Shape.of(h, w, classes) : Shape.of(images, h, w, classes), p));
        return f;
    }

    @Test
    void aLabelOutOfRangeNamesTheFileImageRowAndColumnAndHintsIgnoreClassFor255() throws IOException {
        int[] labels = new int[2 * 3 * 4];
        labels[12 + 2 * 4 + 3] = 255; // image 1, row 2, column 3
        Path y = dir.resolve("labels.npy");
        Npy.write(y, Tensor.ofInts(Shape.of(2, 3, 4), labels));
        run("loss", "--y-true", y.toString(), "--y-pred", probabilities("p.npy", 2, 3, 4, 5).toString(),
                "--backend", "cpu").assertError(3, y + ": image 1, row 2, column 3: label 255 is outside [0, 5); "
                        + "if 255 marks void pixels, add --ignore-class 255");
    }

    @Test
    void aPngMaskLabelOutOfRangeNamesThePngAsTheIssueShowsIt() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Path png = masks.resolve("img3.png");
        PngMasks.write(png, PngMasks.image(Tensor.ofInts(Shape.of(2, 2), 255, 0, 0, 0)));
        run("loss", "--y-true", png.toString(), "--y-pred", probabilities("p.npy", 0, 2, 2, 5).toString(),
                "--backend", "cpu").assertError(3, png + ": image 0, row 0, column 0: label 255 is outside [0, 5); "
                        + "if 255 marks void pixels, add --ignore-class 255");
    }

    @Test
    void theHintComesForMinusOneAndLabelsOfAtLeastCButNotForOtherNegativeLabels() throws IOException {
        Path pred = probabilities("p.npy", 0, 1, 2, 3);
        for (int label : new int[] {-1, 3, 7, -2}) {
            Path y = dir.resolve("y" + label + ".npy");
            Npy.write(y, Tensor.ofInts(Shape.of(1, 2), 0, label));
            String hint = label == -2 ? "" : "; if " + label + " marks void pixels, add --ignore-class " + label;
            run("loss", "--y-true", y.toString(), "--y-pred", pred.toString(), "--backend", "cpu").assertError(3,
                    y + ": image 0, row 0, column 1: label " + label + " is outside [0, 3)" + hint);
        }
    }

    @Test
    void withAnotherIgnoreClassTheHintSaysOnlyOneCanBeIgnored() throws IOException {
        Path y = dir.resolve("y.npy");
        Npy.write(y, Tensor.ofInts(Shape.of(1, 2), 255, 254));
        run("loss", "--y-true", y.toString(), "--y-pred", probabilities("p.npy", 0, 1, 2, 3).toString(),
                "--ignore-class", "255", "--backend", "cpu").assertError(3, y + ": image 0, row 0, column 1: label "
                        + "254 is outside [0, 3); if 254 marks void pixels, use --ignore-class 254 (one class can "
                        + "be ignored; it is 255 now)");
    }

    @Test
    void compareNamesTheLabelsFileToo() throws IOException {
        Path y = dir.resolve("y.npy");
        Npy.write(y, Tensor.ofInts(Shape.of(1, 2), 0, 9));
        run("compare", "--y-true", y.toString(), "--y-pred", probabilities("p.npy", 0, 1, 2, 3).toString(),
                "--backends", "cpu").assertError(3, y + ": image 0, row 0, column 1: label 9 is outside [0, 3); "
                        + "if 9 marks void pixels, add --ignore-class 9");
    }

    @Test
    void inAFolderRunTheErrorAndTheProgressLineAboveItNameTheFileBeingRead() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Path preds = Files.createDirectories(dir.resolve("preds"));
        for (int k = 0; k < 3; k++) {
            PngMasks.write(masks.resolve("img" + k + ".png"), PngMasks.image(Tensor.ofInts(Shape.of(2, 2), 0, 1,
                    k == 1 ? 255 : 2, 3)));
            Files.move(probabilities("p" + k + ".npy", 0, 2, 2, 4), preds.resolve("img" + k + ".npy"));
        }
        CliRun.Result r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--backend",
                "cpu");
        assertEquals(3, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of("eval: 1/3 img0.png", "eval: 2/3 img1.png", "scce4j: error: " + masks.resolve("img1.png")
                + ": image 0, row 1, column 0: label 255 is outside [0, 4); if 255 marks void pixels, add "
                + "--ignore-class 255"), lines);
    }

    @Test
    void inABatchFileTheImageIndexIsTheBatchsOne() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("bm"));
        Path preds = Files.createDirectories(dir.resolve("bp"));
        Npy.write(masks.resolve("batch.npy"), Tensor.ofInts(Shape.of(2, 1, 2), 0, 1, 1, 6));
        Files.move(probabilities("b.npy", 2, 1, 2, 3), preds.resolve("batch.npy"));
        CliRun.Result r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--backend",
                "cpu");
        assertTrue(r.err().endsWith("scce4j: error: " + masks.resolve("batch.npy") + ": image 1, row 0, column 1: "
                + "label 6 is outside [0, 3); if 6 marks void pixels, add --ignore-class 6" + System.lineSeparator()),
                r.err());
    }

    @Test
    void positionsAreImageRowColumnForImagesAndAnIndexOtherwise() {
        assertEquals("image 0, row 1, column 2", LabelErrors.position(5, Shape.of(2, 3)));
        assertEquals("image 1, row 0, column 1", LabelErrors.position(7, Shape.of(2, 2, 3)));
        assertEquals("element 4", LabelErrors.position(4, Shape.of(9)));
        assertEquals("index [0, 1, 0, 1]", LabelErrors.position(5, Shape.of(2, 2, 2, 2)));
        InvalidInputException other = InvalidInputException.shapeMismatch("x");
        assertEquals(other, LabelErrors.locate(other, "f", Shape.of(1), IgnoreClass.none()), "left as it is");
    }
}
