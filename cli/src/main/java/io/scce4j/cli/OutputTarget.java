package io.scce4j.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where an option that writes arrays or images writes them, decided by what the user typed: a file whose
 * extension is the format ({@code .npy} or {@code .png}; anything else is a usage error, never a NumPy file under
 * a JPEG's name), and, where one file per image is allowed, a folder ({@code masks/}, or an existing folder) or a
 * name pattern with {@code {n}} ({@code mask-{n}.png}). Checked before anything is computed, so that a bad name
 * costs nothing and writes nothing.
 */
final class OutputTarget {
    /** What a file is written as. */
    enum Format {
        NPY(".npy"), PNG(".png");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    static final String IMAGE_NUMBER = "{n}";

    private final String option;
    private final String spec;
    private final Format format;
    private final boolean folder;
    private final boolean pattern;

    private OutputTarget(String option, String spec, Format format, boolean folder, boolean pattern) {
        this.option = option;
        this.spec = spec;
        this.format = format;
        this.folder = folder;
        this.pattern = pattern;
    }

    /**
     * One file, in one of {@code formats} by its extension.
     *
     * @throws ParameterException naming the extension and the valid ones
     */
    static OutputTarget file(CommandLine cl, String option, String spec, Set<Format> formats) {
        return parse(cl, option, spec, formats, false);
    }

    /** One file, or, for a batch, a folder or a {@code {n}} pattern, in one of {@code formats}. */
    static OutputTarget perImage(CommandLine cl, String option, String spec, Set<Format> formats) {
        return parse(cl, option, spec, formats, true);
    }

    private static OutputTarget parse(CommandLine cl, String option, String spec, Set<Format> formats,
            boolean perImage) {
        boolean folder = spec.endsWith("/") || spec.endsWith(File.separator) || Files.isDirectory(Path.of(spec));
        if (folder) {
            if (!perImage) {
                throw new ParameterException(cl, option + " " + spec + " is a folder; give a file name ending in "
                        + extensions(formats));
            }
            return new OutputTarget(option, spec, formats.contains(Format.PNG) ? Format.PNG : Format.NPY, true,
                    false);
        }
        String name = Path.of(spec).getFileName().toString();
        boolean pattern = name.contains(IMAGE_NUMBER);
        if (pattern && !perImage) {
            throw new ParameterException(cl, option + " " + spec + ": " + IMAGE_NUMBER + " numbers the images of "
                    + "a batch, and this option writes one file; give a file name ending in " + extensions(formats));
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
        for (Format f : formats) {
            if (f.extension.equals(ext)) {
                return new OutputTarget(option, spec, f, false, pattern);
            }
        }
        throw new ParameterException(cl, option + " " + spec + ": " + (ext.isEmpty() ? "no extension"
                : "cannot write " + ext + " files") + "; valid: " + extensions(formats));
    }

    static String extensions(Set<Format> formats) {
        return formats.stream().map(f -> f.extension).collect(Collectors.joining(", "));
    }

    static Set<Format> npyOnly() {
        return EnumSet.of(Format.NPY);
    }

    static Set<Format> npyOrPng() {
        return EnumSet.of(Format.NPY, Format.PNG);
    }

    static Set<Format> pngOnly() {
        return EnumSet.of(Format.PNG);
    }

    /** The option's name: {@code --out}. */
    String option() {
        return option;
    }

    Format format() {
        return format;
    }

    /** Whether this writes one file per image: a folder or a pattern. */
    boolean isPerImage() {
        return folder || pattern;
    }

    /** The one file of a single-file target. */
    Path path() {
        if (isPerImage()) {
            throw new IllegalStateException(spec + " names several files");
        }
        return Path.of(spec);
    }

    /**
     * The files for {@code count} images: {@code {n}} (or, in a folder, {@code stem-n.png}) numbered from 0 and
     * zero-padded to one width so that they list in order; in a folder, a single image is {@code stem.png}.
     */
    List<Path> paths(int count, String stem) {
        List<Path> paths = new ArrayList<>();
        int width = Integer.toString(Math.max(0, count - 1)).length();
        for (int n = 0; n < count; n++) {
            String number = String.format(Locale.ROOT, "%0" + width + "d", n);
            if (folder) {
                paths.add(Path.of(spec).resolve((count == 1 ? stem : stem + "-" + number) + format.extension));
            } else if (pattern) {
                paths.add(Path.of(spec.replace(IMAGE_NUMBER, number)));
            } else {
                paths.add(Path.of(spec));
            }
        }
        return paths;
    }

    /** The option and what was given, for messages: {@code --out masks/}. */
    @Override
    public String toString() {
        return option + " " + spec;
    }
}
