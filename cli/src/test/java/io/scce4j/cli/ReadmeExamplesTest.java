package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 11: the printed examples of README.md cannot go stale. Every fenced block of the sections
 * {@link #SECTIONS} that starts with {@code $ ./scce4j} is run here, command by command (a command may continue
 * over lines ending in {@code \}), and what it prints must be the block's lines under it: stdout, then the
 * {@code scce4j:} lines of stderr (errors and warnings; progress lines are left out, as the README says they go
 * to stderr). Paths are those of the README, relative to the repository's root; files the command writes go to
 * a temporary folder and are printed as the README names them.
 */
class ReadmeExamplesTest {
    static final List<String> SECTIONS = List.of("The scce4j command", "Evaluating a folder of predictions");
    /** Options whose value is a file the command writes. */
    private static final Set<String> OUTPUTS = Set.of("--out", "--gradient-out", "--report", "--csv", "--heatmap",
            "--overlay", "--legend");
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    static Path written;

    /** One documented command and what the README shows it printing. */
    record Example(int line, String command, List<String> printed) {
    }

    /** The examples of the README's sections named {@code sections}, in order. */
    static List<Example> examples(List<String> readme, List<String> sections) {
        List<Example> examples = new ArrayList<>();
        boolean inSection = false;
        boolean inBlock = false;
        List<String> block = new ArrayList<>();
        int blockStart = 0;
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.startsWith("## ")) {
                inSection = sections.contains(line.substring(3).replace("`", "").strip());
            } else if (line.startsWith("```")) {
                if (inBlock && inSection) {
                    examples.addAll(parseBlock(block, blockStart));
                }
                inBlock = !inBlock;
                block = new ArrayList<>();
                blockStart = i + 2;
            } else if (inBlock) {
                block.add(line);
            }
        }
        return examples;
    }

    private static List<Example> parseBlock(List<String> block, int firstLine) {
        List<Example> examples = new ArrayList<>();
        if (block.isEmpty() || !block.get(0).startsWith("$ ./scce4j ")) {
            return examples;
        }
        int i = 0;
        while (i < block.size()) {
            int line = firstLine + i;
            StringBuilder command = new StringBuilder(block.get(i).substring(2));
            while (command.toString().endsWith("\\") && i + 1 < block.size()) {
                String head = command.substring(0, command.length() - 1).stripTrailing();
                command.setLength(0);
                command.append(head).append(' ').append(block.get(++i).strip());
            }
            List<String> printed = new ArrayList<>();
            while (++i < block.size() && !block.get(i).startsWith("$ ")) {
                printed.add(block.get(i));
            }
            examples.add(new Example(line, command.toString().strip(), printed));
        }
        return examples;
    }

    static List<String> readme() throws IOException {
        Path readme = ROOT.resolve("README.md");
        assertTrue(Files.exists(readme), "README.md at the repository's root, " + ROOT);
        return Files.readAllLines(readme);
    }

    @Test
    void theEvalExampleAndEveryOtherPrintedBlockOfTheSectionsAreFound() throws IOException {
        List<Example> all = examples(readme(), SECTIONS);
        assertTrue(all.stream().anyMatch(e -> e.command().startsWith("./scce4j eval --y-true docs/example/masks")),
                "the eval example: " + all);
        assertTrue(all.stream().allMatch(e -> !e.printed().isEmpty()), "each shows what it prints");
    }

    @Test
    void aBlockWithTwoCommandsAndContinuationLinesParsesIntoTwoExamples() {
        List<String> md = List.of("## The `scce4j` command", "```", "$ ./scce4j a \\", "      b", "one", "$ ./scce4j c",
                "two", "```", "## Elsewhere", "```", "$ ./scce4j d", "three", "```");
        assertEquals(List.of(new Example(3, "./scce4j a b", List.of("one")), new Example(6, "./scce4j c",
                List.of("two"))), examples(md, SECTIONS));
    }

    @TestFactory
    Stream<DynamicTest> eachDocumentedCommandPrintsWhatTheReadmeShows() throws IOException {
        return examples(readme(), SECTIONS).stream().map(e -> DynamicTest.dynamicTest("README.md:" + e.line() + " "
                + e.command(), () -> check(e)));
    }

    private static void check(Example e) {
        List<String> words = new ArrayList<>(Arrays.asList(e.command().split("\\s+")));
        assertEquals("./scce4j", words.remove(0), "the example runs ./scce4j");
        String[] args = words.stream().map(ReadmeExamplesTest::localize).toArray(String[]::new);
        for (int k = 1; k < args.length; k++) {
            if (OUTPUTS.contains(words.get(k - 1)) && !words.get(k).startsWith("-")) { // --legend may have none
                args[k] = written.resolve(words.get(k)).toString();
            }
        }
        CliRun.Result r = CliRun.run(args);
        List<String> printed = new ArrayList<>(r.out().lines().toList());
        r.err().lines().filter(l -> l.startsWith("scce4j: ")).forEach(printed::add);
        List<String> actual = trimEnd(printed.stream().map(l -> l.replace(written + "/", "")
                .replace(ROOT + "/", "")).toList());
        List<String> expected = trimEnd(e.printed());
        if (!actual.equals(expected)) {
            fail("README.md:" + e.line() + ": `" + e.command() + "` prints other lines than the README shows "
                    + "(- README, + printed now):\n" + diff(expected, actual));
        }
        assertEquals(expected.stream().anyMatch(l -> l.startsWith("scce4j: error: ")), r.status() != 0,
                "exit status " + r.status() + ": an error line exactly when the command fails");
    }

    /** A README path, relative to the root, made absolute; {@code --legend=F} goes to the temporary folder. */
    private static String localize(String word) {
        if (word.startsWith("-")) {
            int eq = word.indexOf('=');
            return eq > 0 && OUTPUTS.contains(word.substring(0, eq))
                    ? word.substring(0, eq + 1) + written.resolve(word.substring(eq + 1)) : word;
        }
        // Only paths (a subcommand's name, such as eval, is also a folder of the repository)
        return word.contains("/") && Files.exists(ROOT.resolve(word)) ? ROOT.resolve(word).toString() : word;
    }

    private static List<String> trimEnd(List<String> lines) {
        List<String> l = new ArrayList<>(lines);
        while (!l.isEmpty() && l.get(l.size() - 1).isBlank()) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    /** A line diff by longest common subsequence: ' ' both, '-' only expected, '+' only actual. */
    static String diff(List<String> expected, List<String> actual) {
        int[][] lcs = new int[expected.size() + 1][actual.size() + 1];
        for (int i = expected.size() - 1; i >= 0; i--) {
            for (int j = actual.size() - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder d = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < expected.size() || j < actual.size()) {
            if (i < expected.size() && j < actual.size() && expected.get(i).equals(actual.get(j))) {
                d.append("  ").append(expected.get(i++)).append('\n');
                j++;
            } else if (i < expected.size() && (j == actual.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                d.append("- ").append(expected.get(i++)).append('\n');
            } else {
                d.append("+ ").append(actual.get(j++)).append('\n');
            }
        }
        return d.toString();
    }

    @Test
    void theDiffMarksWhatTheReadmeHasAndWhatIsPrintedNow() {
        assertEquals("  a\n- b\n+ B\n  c\n+ d\n", diff(List.of("a", "b", "c"), List.of("a", "B", "c", "d")));
        assertFalse(diff(List.of("x"), List.of("x")).contains("-"));
    }
}
