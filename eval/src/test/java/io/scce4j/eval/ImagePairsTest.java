package io.scce4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pairing rules and messages of {@code scce4j eval}, now the library's. */
class ImagePairsTest {
    @TempDir
    Path dir;

    private Path folder(String name, String... files) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        for (String file : files) {
            Files.write(f.resolve(file), new byte[0]);
        }
        return f;
    }

    @Test
    void foldersPairByNameWithoutExtensionSortedByThatNameAndNamedAfterTheMask() throws IOException {
        Path masks = folder("masks", "b.png", "a.npy", "a.b.png", "notes.txt");
        Path predictions = folder("predictions", "a.npz", "b.npy", "a.b.npy", "extra.npy");
        List<ImagePair> pairs = ImagePairs.of(masks, predictions);
        assertEquals(List.of(new ImagePair("a.npy", masks.resolve("a.npy"), predictions.resolve("a.npz")),
                new ImagePair("a.b.png", masks.resolve("a.b.png"), predictions.resolve("a.b.npy")),
                new ImagePair("b.png", masks.resolve("b.png"), predictions.resolve("b.npy"))), pairs);
    }

    @Test
    void twoFilesAreOnePairWhateverTheirNames() throws IOException {
        Path mask = Files.write(dir.resolve("m.png"), new byte[0]);
        Path prediction = Files.write(dir.resolve("p.npy"), new byte[0]);
        assertEquals(List.of(new ImagePair("m.png", mask, prediction)), ImagePairs.of(mask, prediction));
    }

    @Test
    void aMaskWithoutAPredictionIsRefusedNamingTheFirstAndCountingThem() throws IOException {
        Path masks = folder("masks", "a.png", "b.png", "c.png");
        Path predictions = folder("predictions", "b.npy");
        IOException e = assertThrows(IOException.class, () -> ImagePairs.of(masks, predictions));
        assertEquals(predictions + ": no prediction for 2 mask(s), e.g. a.png (files pair by name without "
                + "extension)", e.getMessage());
    }

    @Test
    void twoFilesOfOneNameInAFolderAreRefused() throws IOException {
        Path masks = folder("masks", "a.png", "a.npy");
        Path predictions = folder("predictions", "a.npy");
        IOException e = assertThrows(IOException.class, () -> ImagePairs.of(masks, predictions));
        assertEquals(masks + ": a.npy and a.png share a name; keep one", e.getMessage());
    }

    @Test
    void aMasksFolderWithoutReadableFilesIsRefused() throws IOException {
        Path masks = folder("masks", "readme.txt");
        Path predictions = folder("predictions", "a.npy");
        IOException e = assertThrows(IOException.class, () -> ImagePairs.of(masks, predictions));
        assertEquals(masks + ": holds no .png, .npy or .npz file", e.getMessage());
    }

    @Test
    void aMasksFolderOfJpegsSaysWhyJpegMasksAreNotRead() throws IOException {
        Path masks = folder("jpeg-masks", "a.jpg", "b.JPEG");
        Path predictions = folder("jpeg-predictions", "a.npy");
        IOException e = assertThrows(IOException.class, () -> ImagePairs.of(masks, predictions));
        assertEquals(masks + ": holds no .png, .npy or .npz file (its 2 JPEG file(s) are not read: lossy compression "
                + "changes labels; save masks as PNG)", e.getMessage());
    }

    @Test
    void aFolderAndAFileAreRefusedAsAnArgumentError() throws IOException {
        Path masks = folder("masks", "a.png");
        Path prediction = Files.write(dir.resolve("a.npy"), new byte[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImagePairs.of(masks, prediction));
        assertEquals(masks + " and " + prediction + " must both be folders or both be files", e.getMessage());
    }

    /** Folders as a map of names, the way a Hadoop file system's listing reaches the rule. */
    private static ImagePairs.FileTree<String> tree(Map<String, List<String>> folders) {
        return new ImagePairs.FileTree<>() {
            @Override
            public boolean exists(String file) {
                return folders.containsKey(file) || folders.values().stream().anyMatch(l -> l.contains(file));
            }

            @Override
            public boolean isFolder(String file) {
                return folders.containsKey(file);
            }

            @Override
            public List<String> list(String folder) {
                return folders.get(folder);
            }

            @Override
            public String fileName(String file) {
                return file.substring(file.lastIndexOf('/') + 1);
            }
        };
    }

    @Test
    void anyFileTreePairsByTheSameRuleWithTheSameMessages() throws IOException {
        ImagePairs.FileTree<String> t = tree(Map.of("m", List.of("m/b.png", "m/notes.txt", "m/a.npy"), "p",
                List.of("p/extra.npy", "p/b.npy", "p/a.npz"), "dup", List.of("dup/a.png", "dup/a.npy"), "few",
                List.of("few/b.npy")));
        assertEquals(List.of(new ImagePairs.Match<>("a.npy", "m/a.npy", "p/a.npz"),
                new ImagePairs.Match<>("b.png", "m/b.png", "p/b.npy")), ImagePairs.of(t, "m", "p"));
        assertEquals("few: no prediction for 1 mask(s), e.g. a.npy (files pair by name without extension)",
                assertThrows(IOException.class, () -> ImagePairs.of(t, "m", "few")).getMessage());
        assertEquals("dup: a.npy and a.png share a name; keep one",
                assertThrows(IOException.class, () -> ImagePairs.of(t, "dup", "p")).getMessage());
        assertEquals("gone", assertThrows(NoSuchFileException.class, () -> ImagePairs.of(t, "gone", "p")).getFile());
        assertEquals(List.of(new ImagePairs.Match<>("a.npy", "m/a.npy", "p/b.npy")),
                ImagePairs.of(t, "m/a.npy", "p/b.npy"));
    }

    @Test
    void aMissingFolderIsNamedMasksFirst() throws IOException {
        Path missing = dir.resolve("missing");
        Path masks = folder("masks", "a.png");
        assertEquals(missing.toString(), assertThrows(NoSuchFileException.class,
                () -> ImagePairs.of(missing, dir.resolve("also-missing"))).getFile());
        assertEquals(missing.toString(), assertThrows(NoSuchFileException.class,
                () -> ImagePairs.of(masks, missing)).getFile());
    }
}
