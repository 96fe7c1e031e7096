package io.edgellm.planner.yaml;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantityTest {

    private static YamlScalar scalar(String text) {
        return new YamlScalar(text, true, new SourceLocation("t.yaml", 3, 7), "nodes[0].memory");
    }

    @Test
    void parsesUnitsIntoBaseUnits() {
        assertEquals(16.0 * (1L << 30), Quantity.BYTES.parse(scalar("16 GiB")));
        assertEquals(12.5e6, Quantity.BYTES_PER_SECOND.parse(scalar("100 Mbit/s")));
        assertEquals(2e12, Quantity.BYTES_PER_SECOND.parse(scalar("2 TB/s")));
        assertEquals(0.005, Quantity.SECONDS.parse(scalar("5ms")), 1e-15);
        assertEquals(2e13, Quantity.FLOP_PER_SECOND.parse(scalar("20 TFLOP/s")));
        assertEquals(0.015, Quantity.FRACTION.parse(scalar("1.5%")), 1e-15);
        assertEquals(42, Quantity.WATTS.parse(scalar("42")));
    }

    @Test
    void errorsNameFileLineFieldAndKnownUnits() {
        var e = assertThrows(InvalidInputException.class, () -> Quantity.BYTES.parse(scalar("16 GIGS")));
        assertTrue(e.getMessage().startsWith("t.yaml:3:7: field 'nodes[0].memory': unknown unit 'GIGS'"), e.getMessage());
        var negative = assertThrows(InvalidInputException.class, () -> scalar("-1 GiB").positive(Quantity.BYTES));
        assertTrue(negative.getMessage().endsWith("must be positive, got -1 GiB"), negative.getMessage());
    }

    @Test
    void duplicateKeysAreRejectedWithBothLines() {
        var e = assertThrows(InvalidInputException.class, () -> YamlDocument.parse("d.yaml", "a: 1\nb: 2\na: 3\n"));
        assertTrue(e.getMessage().startsWith("d.yaml:3:1: field 'a': appears twice (first at line 1)"), e.getMessage());
    }
}
