package io.scce4j.conformance.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled training vectors: valid against their schema, complete, and read as written. */
class TrainingVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InputStream resource(String name) {
        return TrainingVectorsTest.class.getResourceAsStream("/io/scce4j/conformance/" + name);
    }

    @Test
    void bothProfilesAreValidAgainstTheSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(resource("scce4j-training-1.schema.json"));
        for (String profile : List.of("keras3", "keras2")) {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(resource("training/" + profile
                    + "-training.json")));
            assertTrue(errors.isEmpty(), profile + ": " + errors);
        }
        // The schema bites: a case without its expectations is invalid.
        ObjectNode doc = (ObjectNode) JSON.readTree(resource("training/keras3-training.json"));
        ((ObjectNode) doc.get("cases").get(0)).remove("expected");
        assertTrue(!schema.validate(doc).isEmpty());
    }

    @Test
    void everyCaseHoldsAStepLossPerStepAndEveryWeight() throws Exception {
        for (LossProfile p : List.of(LossProfile.KERAS3, LossProfile.KERAS2)) {
            TrainingVectors v = TrainingVectors.bundled(p);
            assertEquals(p, v.profile());
            assertEquals(List.of("features/kernel", "features/bias", "classes/kernel", "classes/bias"),
                    v.initialWeights().stream().map(NamedTensor::name).toList());
            List<String> ids = new ArrayList<>();
            for (TrainingCase c : v.cases()) {
                ids.add(c.id());
                assertEquals(v.steps(), c.expectedLosses().size(), c.id());
                assertEquals(p, c.options().profile(), c.id());
                for (NamedTensor w : v.initialWeights()) {
                    assertEquals(w.value().shape(), c.expectedWeight(w.name()).value().shape(), c.id());
                }
                // A run compared with itself deviates nowhere; one weight moved by one ulp shows as one ulp.
                TrainingRun same = new TrainingRun(c.expectedLosses(), c.expectedWeights());
                TrainingComparison self = TrainingComparison.of(c, same);
                assertTrue(self.within(Tolerance.EXACT), self.summary());
                List<NamedTensor> moved = new ArrayList<>(c.expectedWeights());
                float[] bias = moved.get(1).value().toFloatArray();
                bias[0] = Math.nextUp(bias[0]);
                moved.set(1, new NamedTensor(moved.get(1).name(), Tensor.ofFloats(
                        moved.get(1).value().shape(), bias)));
                TrainingComparison off = TrainingComparison.of(c, new TrainingRun(c.expectedLosses(), moved));
                assertEquals(1, off.weightUlps(), off.summary());
                assertTrue(!off.within(Tolerance.EXACT));
            }
            assertEquals(ids.size(), Set.copyOf(ids).size(), "unique ids");
            try (InputStream h5 = v.openModel()) {
                byte[] head = h5.readNBytes(8); // HDF5's signature
                assertEquals("\u0089HDF\r\n\u001a\n", new String(head, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void anotherFormatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrainingVectors.read(new ByteArrayInputStream(
                "{\"format\":\"scce4j-cases/1\"}".getBytes(StandardCharsets.UTF_8))));
        assertThrows(IllegalArgumentException.class, () -> TrainingVectors.bundled(LossProfile.KERAS2_LEGACY));
    }
}
