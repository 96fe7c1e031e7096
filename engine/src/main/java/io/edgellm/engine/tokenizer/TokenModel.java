package io.edgellm.engine.tokenizer;

/** What differs between tokenizer models: how ordinary text becomes ids, and what bytes a normal token spells. */
interface TokenModel {

    /**
     * Appends the ids of {@code text}, a run of input with no special-token text in it.
     *
     * @param afterSpecial whether the run starts the input or follows a special token
     */
    void encode(String text, boolean afterSpecial, IntList out);

    /** The bytes a token of type NORMAL (or UNDEFINED) with this text stands for. */
    byte[] normalTokenBytes(String text);

    /** Whether BOS starts encoded input when {@code tokenizer.ggml.add_bos_token} is absent. */
    boolean addsBosByDefault();

    /** Whether {@link #encode} puts a space before a run that starts the input or follows a special token. */
    boolean addsSpacePrefix();
}
