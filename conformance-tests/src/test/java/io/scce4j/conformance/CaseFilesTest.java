package io.scce4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.scce4j.api.LossProfile;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled vectors are valid against the schema, have unique ids, and cover the promised matrix. */
class CaseFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InputStream resource(String name) {
        return CaseFilesTest.class.getResourceAsStream("/io/scce4j/conformance/" + name);
    }

    @Test
    void everyBundledFileIsValidAgainstTheSchema() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(resource("scce4j-cases-1.schema.json"));
        JsonNode index = JSON.readTree(resource("cases/index.json"));
        assertTrue(index.get("files").size() >= 2);
        for (JsonNode f : index.get("files")) {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(resource("cases/" + f.asText())));
            assertTrue(errors.isEmpty(), f.asText() + ": " + errors);
        }
    }

    @Test
    void caseIdsAreUnique() {
        List<TestCase> all = CaseLoader.bundled();
        Set<String> ids = new HashSet<>();
        for (TestCase c : all) {
            assertTrue(ids.add(c.id()), "duplicate id " + c.id());
        }
    }

    @Test
    void eachMainProfileHasAtLeast300CasesCoveringTheMatrix() {
        List<TestCase> all = CaseLoader.bundled();
        for (LossProfile p : List.of(LossProfile.KERAS3, LossProfile.KERAS2)) {
            List<TestCase> mine = all.stream().filter(c -> c.profile() == p).collect(Collectors.toList());
            assertTrue(mine.size() >= 300, p + " has " + mine.size());
            Set<String> flags = mine.stream().flatMap(c -> c.flags().stream()).collect(Collectors.toSet());
            assertTrue(flags.containsAll(Set.of("IgnoreClass", "AllIgnored", "SampleWeight", "TrailingOne", "Special",
                    "Clipping", "LargeLogits", "PredictEdge", "OutOfRangeLabel", "ShapeMismatch", "Forum",
                    "BroadcastWeight", "FlatLabels", "RejectedOption", "FullSize", "Evaluate")), p + ": " + flags);
            Set<Integer> ranks = mine.stream().filter(c -> c.yTrue() != null).map(c -> c.yTrue().rank())
                    .collect(Collectors.toSet());
            assertTrue(ranks.containsAll(Set.of(1, 2, 3, 4)), p + " ranks " + ranks);
            Set<Long> classes = mine.stream().map(c -> c.yPred().shape().dim(-1)).collect(Collectors.toSet());
            assertTrue(classes.containsAll(Set.of(2L, 3L, 23L, 150L)), p + " classes " + classes);
            for (CaseKind k : CaseKind.values()) {
                assertTrue(mine.stream().anyMatch(c -> c.kind() == k), p + " lacks " + k);
            }
            assertEquals(2, mine.stream().filter(c -> c.kind() == CaseKind.GRADIENT)
                    .map(c -> c.options().fromLogits()).distinct().count(), p + ": gradients both ways");
        }
    }
}
