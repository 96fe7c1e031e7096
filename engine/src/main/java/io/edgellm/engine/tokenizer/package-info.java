/**
 * Tokenizers and chat templates built from GGUF metadata, following llama.cpp.
 *
 * <p>{@link io.edgellm.engine.tokenizer.Tokenizers#fromMetadata} reads {@code tokenizer.ggml.*} and returns a
 * {@link io.edgellm.engine.tokenizer.Tokenizer}: SentencePiece-style for {@code model = llama}, byte-level BPE for
 * {@code model = gpt2}. {@link io.edgellm.engine.tokenizer.ChatTemplates} picks a
 * {@link io.edgellm.engine.tokenizer.ChatTemplate} from {@code tokenizer.chat_template} or by family name.
 *
 * <h2>Rules shared by both models</h2>
 * <ul>
 * <li>Input is first cut at special-token text, longest first: user-defined tokens always, control and
 *     unknown tokens only with {@code parseSpecial}. Each cut-out piece becomes its token; the rest goes to the
 *     model.</li>
 * <li>{@code addSpecial} adds BOS/EOS as {@code tokenizer.ggml.add_bos_token}/{@code add_eos_token} say; when
 *     absent, BOS is added for SentencePiece and Llama 3 ({@code llama-bpe}) vocabularies, EOS never.</li>
 * <li>SentencePiece with {@code add_space_prefix} (default true) puts one space before text at the start of the
 *     input and after every special token; decoding drops one space at exactly those places, so
 *     {@code decode(encode(s))} is {@code s}, except that a literal {@code ▁} in the input comes back as a space
 *     (SentencePiece writes spaces that way; llama.cpp behaves the same). Byte-level BPE ignores {@code add_space_prefix}, as llama.cpp
 *     does when encoding.</li>
 * <li>Decoding leaves out control, unknown and unused tokens unless asked to render them; user-defined tokens are
 *     always written as their text. Invalid UTF-8 becomes U+FFFD. Hugging Face's
 *     {@code clean_up_tokenization_spaces} is not applied, since it would break the round trip.</li>
 * <li>End of generation: EOS, EOT ({@code eot_token_id}, else the first of {@code <|eot_id|>}, {@code <|im_end|>},
 *     {@code <|end|>}, {@code <end_of_turn>}, {@code <|endoftext|>}), and every one of those texts and
 *     {@code <|eom_id|>}, {@code <|end_of_text|>} that the vocabulary has as a control or user-defined token.</li>
 * </ul>
 */
package io.edgellm.engine.tokenizer;
