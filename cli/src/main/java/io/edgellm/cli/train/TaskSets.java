package io.edgellm.cli.train;

import io.edgellm.engine.data.DatasetSplits;
import io.edgellm.engine.data.DatasetSplits.Split;
import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.JsonlDataset;
import io.edgellm.engine.data.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The example sets the training commands use: generated from a task's split (each prompt belongs to
 * one split for good, so a test prompt is never trained on), or read from a JSONL file.
 */
final class TaskSets {

    /** Seeds the generated sets, so that every command sees the same examples of a split. */
    static final long SEED = 2024;

    private TaskSets() {
    }

    /** {@code count} examples of {@code task}'s {@code split}. */
    static List<Example> generate(Task task, Split split, int count) {
        DatasetSplits s = DatasetSplits.of(task, SEED, split == Split.TRAIN ? count : 0, split == Split.VALIDATION ? count : 0,
                split == Split.TEST ? count : 0);
        return switch (split) {
            case TRAIN -> s.train();
            case VALIDATION -> s.validation();
            case TEST -> s.test();
        };
    }

    /** The first {@code limit} examples of a JSONL file (all when {@code limit} is null). */
    static List<Example> read(Path jsonl, Integer limit) throws IOException {
        List<Example> examples = JsonlDataset.read(jsonl);
        return limit == null || limit >= examples.size() ? examples : examples.subList(0, limit);
    }
}
