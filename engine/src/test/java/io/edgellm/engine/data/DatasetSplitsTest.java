package io.edgellm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.data.DatasetSplits.Split;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetSplitsTest {

    private static Set<String> prompts(List<Example> examples) {
        Set<String> set = new HashSet<>();
        examples.forEach(e -> set.add(ExactMatch.normalize(e.prompt())));
        return set;
    }

    @Test
    void splitsHaveTheirSizesAndShareNoPrompt() {
        for (Task task : List.of(new RobotControlTask(), new TriageTask())) {
            DatasetSplits s = DatasetSplits.of(task, 9, 2000, 300, 300);
            assertEquals(2000, prompts(s.train()).size());
            assertEquals(300, prompts(s.validation()).size());
            assertEquals(300, prompts(s.test()).size());
            Set<String> all = prompts(s.train());
            all.addAll(prompts(s.validation()));
            all.addAll(prompts(s.test()));
            assertEquals(2600, all.size(), task.name() + ": no prompt in two splits");
            s.train().forEach(e -> assertEquals(Split.TRAIN, Split.of(e.prompt())));
            s.test().forEach(e -> assertEquals(Split.TEST, Split.of(e.prompt())));
            assertEquals(s, DatasetSplits.of(task, 9, 2000, 300, 300), "deterministic");
        }
    }

    @Test
    void aPromptsSplitIgnoresWhitespaceAndSeeds() {
        Example e = new TriageTask().generate(1, 1).getFirst();
        assertEquals(Split.of(e.prompt()), Split.of("  " + e.prompt().replace(" ", "\t ") + "\n"));
        // The test split of one seed never contains a training prompt of another.
        DatasetSplits a = DatasetSplits.of(new RobotControlTask(), 1, 3000, 0, 0);
        DatasetSplits b = DatasetSplits.of(new RobotControlTask(), 2, 0, 0, 3000);
        Set<String> train = prompts(a.train());
        assertTrue(b.test().stream().noneMatch(t -> train.contains(ExactMatch.normalize(t.prompt()))));
    }

    @Test
    void bucketsAreEightyTenTen() {
        int[] counts = new int[3];
        for (int i = 0; i < 20_000; i++) {
            counts[Split.of("prompt number " + i).ordinal()]++;
        }
        assertEquals(0.8, counts[0] / 20_000.0, 0.015);
        assertEquals(0.1, counts[1] / 20_000.0, 0.01);
        assertEquals(0.1, counts[2] / 20_000.0, 0.01);
    }
}
