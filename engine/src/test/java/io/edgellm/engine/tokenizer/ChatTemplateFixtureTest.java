package io.edgellm.engine.tokenizer;

import static io.edgellm.engine.tokenizer.SmallVocabs.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat prompts through the real vocabularies: markers become the models' control tokens, and decode gives the prompt back. */
class ChatTemplateFixtureTest {

    private static final List<ChatMessage> CHAT = List.of(ChatMessage.system("You are terse."), ChatMessage.user("Hi!"));

    @Test
    void llama3PromptOnTheLlama3Vocabulary() {
        Tokenizer t = FixtureTokenizers.get(FixtureTokenizers.LLAMA3);
        ChatTemplate template = ChatTemplates.of(ChatFamily.LLAMA3, t);
        String prompt = template.render(CHAT, true);
        int[] ids = template.encode(t, CHAT, true);
        // Markers become single control tokens; the text between them is tokenized as plain text.
        IntList expected = new IntList();
        expected.add(t.tokenId("<|begin_of_text|>"));
        for (String[] turn : new String[][] {{"system", "You are terse."}, {"user", "Hi!"}}) {
            expected.add(t.tokenId("<|start_header_id|>"));
            expected.addAll(t.encode(turn[0], false, false));
            expected.add(t.tokenId("<|end_header_id|>"));
            expected.addAll(t.encode("\n\n" + turn[1], false, false));
            expected.add(t.tokenId("<|eot_id|>"));
        }
        expected.add(t.tokenId("<|start_header_id|>"));
        expected.addAll(t.encode("assistant", false, false));
        expected.add(t.tokenId("<|end_header_id|>"));
        expected.addAll(t.encode("\n\n", false, false));
        assertArrayEquals(expected.toArray(), ids);
        assertEquals(List.of("<|begin_of_text|>", "<|start_header_id|>", "system", "<|end_header_id|>", "ĊĊ"),
                texts(t, ids).subList(0, 5));
        assertEquals(prompt, t.decode(ids, true));
        assertEquals("system\n\nYou are terse.user\n\nHi!assistant\n\n", t.decode(ids));
        assertEquals(t.tokenId("<|eot_id|>"), t.specials().eot());
        assertEquals(true, t.isEndOfGeneration(t.tokenId("<|eot_id|>")));
        assertEquals(true, t.isEndOfGeneration(t.tokenId("<|end_of_text|>")));
    }

    @Test
    void llama2PromptOnTheSentencePieceVocabulary() {
        Tokenizer t = FixtureTokenizers.get(FixtureTokenizers.SPM32K);
        ChatTemplate template = ChatTemplates.of(ChatFamily.LLAMA2, t);
        List<ChatMessage> chat = List.of(ChatMessage.user("Hi!"), ChatMessage.assistant("Hello."), ChatMessage.user("Bye"));
        String prompt = template.render(chat, true);
        int[] ids = template.encode(t, chat, true);
        List<String> texts = texts(t, ids);
        assertEquals("<s>", texts.getFirst());
        assertEquals(List.of("</s>", "<s>"), texts.subList(texts.indexOf("</s>"), texts.indexOf("</s>") + 2));
        assertEquals(2, texts.stream().filter("<s>"::equals).count());
        assertEquals(prompt, t.decode(ids, true));
    }
}
