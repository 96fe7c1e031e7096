package io.edgellm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.tokenizer.ChatFamily;
import io.edgellm.engine.tokenizer.ChatTemplates;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void exactMatchIgnoresOnlyWhitespace() {
        assertTrue(ExactMatch.matches(" PICK(red_cube) ; PLACE(blue_tray)", "PICK(red_cube)  ;\tPLACE(blue_tray)\n"));
        assertFalse(ExactMatch.matches(" PICK(red_cube)", " pick(red_cube)"), "case matters");
        assertFalse(ExactMatch.matches(" PICK(red_cube) ; PLACE(blue_tray)", " PICK(red_cube);PLACE(blue_tray)"),
                "whitespace runs collapse but do not vanish");
    }

    @Test
    void evaluateScoresAModelByExactMatch() {
        Task task = new TriageTask();
        List<Example> test = task.generate(8, 200);
        Map<String, String> answers = test.stream().collect(Collectors.toMap(Example::prompt, Example::completion));
        Function<String, String> perfect = p -> answers.get(p) + "\n";
        Function<String, String> alwaysSelfCare = p -> " SELF-CARE | mild symptoms | rest, drink fluids and watch for changes";
        assertEquals(new Evaluation(200, 200), task.evaluate(test, perfect));
        Evaluation baseline = task.evaluate(test, alwaysSelfCare);
        long selfCare = test.stream().filter(e -> e.category().equals("SELF-CARE")).count();
        assertEquals(selfCare, baseline.correct());
        assertEquals(selfCare / 200.0, baseline.accuracy(), 1e-12);
        assertEquals(0.0, new Evaluation(0, 0).accuracy());
        assertThrows(IllegalArgumentException.class, () -> new Evaluation(3, 2));
    }

    @Test
    void taskExamplesAreChatMlConversations() {
        Example e = new Example("instruction: turn left\nplan:", " TURN(left)", "turn");
        assertEquals("<|im_start|>user\ninstruction: turn left\nplan:<|im_end|>\n<|im_start|>assistant\n", TaskChat.prompt(e));
        assertEquals(TaskChat.prompt(e) + "TURN(left)<|im_end|>\n", TaskChat.render(e), "the answer follows the newline, no space");
        assertEquals(Optional.of(ChatFamily.CHATML),
                ChatFamily.detect(ChatTemplates.CHATML_JINJA),
                "the Jinja text written into our models is recognised as ChatML");
    }
}
