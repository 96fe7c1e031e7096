package io.edgellm.engine.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.tokenizer.ChatFamily;
import io.edgellm.engine.tokenizer.ChatMessage;
import io.edgellm.engine.tokenizer.ChatTemplates;
import io.edgellm.engine.tokenizer.TokenType;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import io.edgellm.engine.tokenizer.training.TrainedVocabulary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FamilyTokenizerTest {

    @Test
    void oneDeterministicChatMlVocabularyForTheWholeFamily() {
        TrainedVocabulary v = FamilyTokenizer.train();
        assertEquals(FamilyTokenizer.VOCAB_SIZE, v.size());
        assertEquals(v.tokens(), FamilyTokenizer.train().tokens(), "every run trains the same vocabulary");
        GGUFMetadata md = FamilyTokenizer.metadata(v);
        assertEquals(Optional.of(ChatFamily.CHATML), ChatFamily.detect(md.getString(ChatTemplates.CHAT_TEMPLATE)));
        Tokenizer t = Tokenizers.fromMetadata(md);
        for (String marker : ChatTemplates.CHATML_MARKERS) {
            assertEquals(TokenType.CONTROL, t.tokenType(t.tokenId(marker)), marker);
        }
        int imEnd = t.tokenId(ChatTemplates.IM_END);
        assertTrue(t.isEndOfGeneration(imEnd), "generation stops at <|im_end|>");
        int[] ids = ChatTemplates.fromMetadata(md, t).encode(t, List.of(ChatMessage.user("instruction: turn left\nplan:")), true);
        assertEquals(t.tokenId(ChatTemplates.IM_START), ids[0], "ChatML prompts start with the marker, no BOS");
        assertEquals("user\ninstruction: turn left\nplan:\nassistant\n", t.decode(ids));
    }
}
