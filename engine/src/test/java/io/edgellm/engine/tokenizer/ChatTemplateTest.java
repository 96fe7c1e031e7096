package io.edgellm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendered prompts against each family's published format, and detection from template text. */
class ChatTemplateTest {

    private static final List<ChatMessage> CONVERSATION = List.of(
            ChatMessage.system("You are terse."),
            ChatMessage.user("Hi"),
            ChatMessage.assistant("Hello!"),
            ChatMessage.user("How are you?"));

    // Short templates in the style of each family's tokenizer_config.json, carrying its marker strings.
    static final String CHATML_JINJA = "{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n' + m['content']"
            + " + '<|im_end|>\\n'}}{% endfor %}{% if add_generation_prompt %}{{'<|im_start|>assistant\\n'}}{% endif %}";
    static final String LLAMA3_JINJA = "{{ bos_token }}{% for m in messages %}{{ '<|start_header_id|>' + m['role']"
            + " + '<|end_header_id|>\\n\\n' + m['content'] | trim + '<|eot_id|>' }}{% endfor %}";
    static final String LLAMA2_JINJA = "{% if messages[0]['role'] == 'system' %}{% set sys = '<<SYS>>\\n' +"
            + " messages[0]['content'] + '\\n<</SYS>>\\n\\n' %}{% endif %}{% for m in messages %}{% if m['role'] =="
            + " 'user' %}{{ bos_token + '[INST] ' + m['content'].strip() + ' [/INST]' }}{% endif %}{% endfor %}";
    static final String MISTRAL_JINJA = "{{ bos_token }}{% for m in messages %}{% if m['role'] == 'user' %}"
            + "{{ '[INST] ' + m['content'] + ' [/INST]' }}{% else %}{{ m['content'] + eos_token }}{% endif %}{% endfor %}";
    static final String ZEPHYR_JINJA = "{% for m in messages %}{% if m['role'] == 'user' %}{{ '<|user|>\\n' +"
            + " m['content'] + eos_token }}{% elif m['role'] == 'assistant' %}{{ '<|assistant|>\\n' + m['content'] +"
            + " eos_token }}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}";

    @TempDir
    Path tmp;

    @Test
    void chatML() {
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n"
                        + "<|im_start|>user\nHi<|im_end|>\n"
                        + "<|im_start|>assistant\nHello!<|im_end|>\n"
                        + "<|im_start|>user\nHow are you?<|im_end|>\n"
                        + "<|im_start|>assistant\n",
                ChatFamily.CHATML.create("", "").render(CONVERSATION, true));
    }

    @Test
    void llama3() {
        ChatTemplate t = ChatFamily.LLAMA3.create("<|begin_of_text|>", "");
        assertEquals("<|begin_of_text|>"
                        + "<|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nHow are you?<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                t.render(CONVERSATION, true));
        assertEquals("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>",
                t.render(List.of(ChatMessage.user("  Hi \n")), false), "contents are trimmed");
    }

    @Test
    void llama2() {
        ChatTemplate t = ChatFamily.LLAMA2.create("<s>", "</s>");
        assertEquals("<s>[INST] <<SYS>>\nYou are terse.\n<</SYS>>\n\nHi [/INST] Hello! </s>"
                + "<s>[INST] How are you? [/INST]", t.render(CONVERSATION, true));
        assertEquals("<s>[INST] Hi [/INST]", t.render(List.of(ChatMessage.user(" Hi ")), true));
    }

    @Test
    void mistral() {
        ChatTemplate t = ChatFamily.MISTRAL.create("<s>", "</s>");
        assertEquals("<s>[INST] Hi [/INST]Hello!</s>[INST] How are you? [/INST]",
                t.render(CONVERSATION.subList(1, 4), true));
        assertEquals("<s>[INST] You are terse.\n\nHi [/INST]", t.render(CONVERSATION.subList(0, 2), true),
                "no system block: the system text leads the first user message");
    }

    @Test
    void zephyr() {
        assertEquals("<|system|>\nYou are terse.</s>\n<|user|>\nHi</s>\n<|assistant|>\nHello!</s>\n"
                        + "<|user|>\nHow are you?</s>\n<|assistant|>\n",
                ChatFamily.ZEPHYR.create("<s>", "</s>").render(CONVERSATION, true));
    }

    @Test
    void instFormatsNeedAlternatingTurns() {
        for (ChatFamily f : List.of(ChatFamily.LLAMA2, ChatFamily.MISTRAL)) {
            ChatTemplate t = f.create("<s>", "</s>");
            IllegalArgumentException twoUsers = assertThrows(IllegalArgumentException.class,
                    () -> t.render(List.of(ChatMessage.user("a"), ChatMessage.user("b")), true));
            assertTrue(twoUsers.getMessage().contains("message 1 is user"), twoUsers.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> t.render(List.of(ChatMessage.user("a"), ChatMessage.system("b")), true));
            assertThrows(IllegalArgumentException.class, () -> t.render(List.of(ChatMessage.system("s")), true));
        }
    }

    @Test
    void detectsTheFamilyFromMarkers() {
        assertEquals(Optional.of(ChatFamily.CHATML), ChatFamily.detect(CHATML_JINJA));
        assertEquals(Optional.of(ChatFamily.LLAMA3), ChatFamily.detect(LLAMA3_JINJA));
        assertEquals(Optional.of(ChatFamily.LLAMA2), ChatFamily.detect(LLAMA2_JINJA));
        assertEquals(Optional.of(ChatFamily.MISTRAL), ChatFamily.detect(MISTRAL_JINJA));
        assertEquals(Optional.of(ChatFamily.ZEPHYR), ChatFamily.detect(ZEPHYR_JINJA));
    }

    @Test
    void lookalikeFormatsAreNotDetected() {
        assertEquals(Optional.empty(), ChatFamily.detect("{{ '<|user|>\\n' + c + '<|end|>\\n<|assistant|>\\n' }}"), "Phi-3");
        assertEquals(Optional.empty(), ChatFamily.detect("{{ '[SYSTEM_PROMPT]' + s + '[/SYSTEM_PROMPT][INST]' }}"),
                "Mistral v7");
        assertEquals(Optional.empty(), ChatFamily.detect("{{ '<start_of_turn>user\\n' }}"), "Gemma");
    }

    @Test
    void familiesByName() {
        assertEquals(ChatFamily.LLAMA3, ChatFamily.byName("llama3"));
        assertEquals(ChatFamily.CHATML, ChatFamily.byName("ChatML"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatFamily.byName("vicuna"));
        assertTrue(e.getMessage().contains("'vicuna'") && e.getMessage().contains("zephyr"), e.getMessage());
    }

    @Test
    void fromMetadataDetectsOrTakesTheOverride() {
        GGUFMetadata md = SmallVocabs.spm().put(ChatTemplates.CHAT_TEMPLATE, GGUFValue.ofString(LLAMA2_JINJA))
                .write(tmp, "chat.gguf");
        Tokenizer tokenizer = Tokenizers.fromMetadata(md);
        ChatTemplate detected = ChatTemplates.fromMetadata(md, tokenizer);
        assertEquals(ChatFamily.LLAMA2, detected.family());
        assertEquals("<s>[INST] Hi [/INST]", detected.render(List.of(ChatMessage.user("Hi")), true),
                "BOS text from the vocabulary");
        assertEquals(ChatFamily.ZEPHYR, ChatTemplates.fromMetadata(md, tokenizer, "zephyr").family());
        assertEquals(ChatFamily.LLAMA2, ChatTemplates.fromMetadata(md, tokenizer, null).family());
    }

    @Test
    void fromMetadataWithoutAUsableTemplateSaysSo() {
        GGUFMetadata none = SmallVocabs.spm().write(tmp, "none.gguf");
        TokenizerException missing = assertThrows(TokenizerException.class,
                () -> ChatTemplates.fromMetadata(none, Tokenizers.fromMetadata(none)));
        assertTrue(missing.getMessage().contains("none.gguf") && missing.getMessage().contains(ChatTemplates.CHAT_TEMPLATE),
                missing.getMessage());

        GGUFMetadata gemma = SmallVocabs.spm().put(ChatTemplates.CHAT_TEMPLATE, GGUFValue.ofString("<start_of_turn>"))
                .write(tmp, "gemma.gguf");
        TokenizerException unknown = assertThrows(TokenizerException.class,
                () -> ChatTemplates.fromMetadata(gemma, Tokenizers.fromMetadata(gemma)));
        assertTrue(unknown.getMessage().contains("no supported chat family"), unknown.getMessage());
    }

    @Test
    void familiesThatNeedBosOrEosRefuseVocabulariesWithout() {
        Tokenizer noBos = SmallVocabs.bpe("qwen2").tokenizer(tmp);
        assertEquals(ChatFamily.CHATML, ChatTemplates.of(ChatFamily.CHATML, noBos).family());
        assertEquals(ChatFamily.ZEPHYR, ChatTemplates.of(ChatFamily.ZEPHYR, noBos).family(), "needs EOS only");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChatTemplates.of(ChatFamily.LLAMA3, noBos));
        assertTrue(e.getMessage().contains("BOS"), e.getMessage());
    }

    @Test
    void encodeParsesTheMarkersIntoControlTokens() {
        Tokenizer t = SmallVocabs.bpe("qwen2").tokenizer(tmp);
        ChatTemplate chatml = ChatTemplates.of(ChatFamily.CHATML, t);
        int[] ids = chatml.encode(t, List.of(ChatMessage.user("hello")), true);
        List<String> texts = SmallVocabs.texts(t, ids);
        assertEquals(List.of("<|im_start|>", "u", "s", "e", "r", "Ċ", "hello", "<|im_end|>", "Ċ", "<|im_start|>"),
                texts.subList(0, 10));
        assertEquals(chatml.render(List.of(ChatMessage.user("hello")), true), t.decode(ids, true));
    }
}
