package io.scce4j.cli;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.eval.Batches;
import io.scce4j.io.Npy;
import io.scce4j.io.PngMasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The files {@code predict} writes for a mask {@code [H, W]} (one image) or {@code [N, H, W]} (a batch): planned
 * from the mask's shape before the prediction runs, so that a PNG asked of a batch, or a legend without a place,
 * is a usage error that writes nothing; then written, each file atomically.
 */
final class MaskFiles {
    private static final int LISTED = 4;

    private final boolean batch;
    private final boolean createFolders;
    private final OutputTarget.Format maskFormat;
    private final boolean wholeMaskInOneFile;
    private final List<Path> masks;
    private final List<Path> legends;

    private MaskFiles(boolean batch, boolean createFolders, OutputTarget.Format maskFormat,
            boolean wholeMaskInOneFile, List<Path> masks, List<Path> legends) {
        this.batch = batch;
        this.createFolders = createFolders;
        this.maskFormat = maskFormat;
        this.wholeMaskInOneFile = wholeMaskInOneFile;
        this.masks = masks;
        this.legends = legends;
    }

    /**
     * The plan for a mask of {@code maskShape}.
     *
     * @param stem names files in a folder: y_pred's file name without extension
     * @param legendBeside {@code --legend} without a file: one legend beside each mask file
     * @param overlay whether {@code --overlay} needs the mask as one image
     * @throws ParameterException when the targets cannot hold the mask as asked
     */
    static MaskFiles plan(CommandLine cl, Shape maskShape, String stem, OutputTarget maskTarget,
            OutputTarget legendTarget, boolean legendBeside, boolean overlay) {
        boolean images2d = maskShape.rank() == 2 || maskShape.rank() == 3;
        boolean batch = maskShape.rank() == 3;
        int count = batch ? (int) maskShape.dim(0) : 1;
        boolean needsImages = maskTarget != null && maskTarget.format() == OutputTarget.Format.PNG
                || legendTarget != null || legendBeside || overlay;
        if (needsImages && !images2d) {
            throw new ParameterException(cl, "images need y_pred [H, W, C] or [N, H, W, C]; this mask is "
                    + maskShape + " (write it with --out FILE.npy)");
        }
        if (overlay && count != 1) {
            throw new ParameterException(cl, "--overlay blends one image; y_pred holds " + count + " (give one "
                    + "image's prediction)");
        }
        List<Path> masks = new ArrayList<>();
        boolean whole = false;
        OutputTarget.Format format = null;
        if (maskTarget != null) {
            format = maskTarget.format();
            whole = format == OutputTarget.Format.NPY && !maskTarget.isPerImage();
            if (whole) {
                masks.add(maskTarget.path());
            } else {
                requireOneFileFits(cl, maskTarget, count);
                masks.addAll(maskTarget.paths(count, stem));
            }
        }
        List<Path> legends = new ArrayList<>();
        if (legendTarget != null) {
            requireOneFileFits(cl, legendTarget, count);
            legends.addAll(legendTarget.paths(count, stem + "-legend"));
        } else if (legendBeside) {
            if (whole && count > 1) {
                throw new ParameterException(cl, "--legend: the batch's " + count + " masks go to one .npy file; "
                        + "give --legend=DIR/ or --legend=legend-{n}.png");
            }
            for (Path m : whole ? List.of(masks.get(0)) : masks) {
                String name = m.getFileName().toString();
                int dot = name.lastIndexOf('.');
                legends.add(m.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-legend.png"));
            }
        }
        boolean folders = maskTarget != null && maskTarget.isPerImage()
                || legendTarget != null && legendTarget.isPerImage();
        return new MaskFiles(batch, folders, format, whole, masks, legends);
    }

    private static void requireOneFileFits(CommandLine cl, OutputTarget target, int count) {
        if (!target.isPerImage() && count > 1) {
            boolean out = target.option().equals("--out");
            String name = out ? "mask" : "legend";
            throw new ParameterException(cl, target + ": y_pred holds " + count + " images and a PNG holds one; "
                    + "give a folder (" + target.option() + " " + name + "s/) or a pattern (" + target.option() + " "
                    + name + "-{n}.png)" + (out ? ", or .npy for one file" : ""));
        }
    }

    /** Image {@code n} of the mask as {@code [H, W]}. */
    Tensor image(Tensor mask, int n) {
        return batch ? Batches.image(mask, n) : mask;
    }

    /**
     * Writes the planned files.
     *
     * @return what was written, one entry per line of output ("mask.png", "8 masks: a ... b")
     */
    List<String> write(Tensor mask) throws IOException {
        List<String> wrote = new ArrayList<>();
        for (int n = 0; n < masks.size(); n++) {
            Path file = masks.get(n);
            createFolder(file);
            if (wholeMaskInOneFile) {
                Npy.write(file, mask);
            } else if (maskFormat == OutputTarget.Format.NPY) {
                Npy.write(file, image(mask, n));
            } else {
                PngMasks.write(file, PngMasks.image(image(mask, n)));
            }
        }
        for (int n = 0; n < legends.size(); n++) {
            createFolder(legends.get(n));
            PngMasks.write(legends.get(n), PngMasks.withLegend(image(mask, n)));
        }
        describe(wrote, "", "masks", masks);
        describe(wrote, "legend ", "legends", legends);
        return wrote;
    }

    /** A folder target ({@code masks/}) or pattern is created when missing; a single file's folder must exist. */
    private void createFolder(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (createFolders && parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static void describe(List<String> wrote, String what, String plural, List<Path> files) {
        if (files.size() <= LISTED) {
            files.forEach(f -> wrote.add(what + f));
        } else {
            wrote.add(files.size() + " " + plural + ": " + files.get(0) + " ... " + files.get(files.size() - 1));
        }
    }
}
