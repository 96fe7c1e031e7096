package io.edgellm.engine.tokenizer.training;

import io.edgellm.engine.tokenizer.TokenType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain, test-only reference of llama.cpp's SentencePiece tokenizer (llm_tokenizer_spm):
 * a space is put before each text fragment (at the start and after a control token), spaces
 * become ▁, the text is split into characters, and the adjacent pair whose concatenation is
 * the highest-scoring token is merged, leftmost first on ties, until no pair is a token. A
 * symbol that is not a token is spelled with byte tokens {@code <0xXX>}.
 */
final class ReferenceSpmEncoder {

    private final List<String> tokens;
    private final float[] scores;
    private final int[] types;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> controls = new ArrayList<>();

    ReferenceSpmEncoder(List<String> tokens, float[] scores, int[] types) {
        this.tokens = tokens;
        this.scores = scores;
        this.types = types;
        for (int i = 0; i < tokens.size(); i++) {
            ids.putIfAbsent(tokens.get(i), i);
            if (types[i] == TokenType.CONTROL.code() && i > TrainedVocabulary.EOS_ID) {
                controls.add(tokens.get(i));
            }
        }
    }

    static ReferenceSpmEncoder of(TrainedVocabulary v) {
        float[] scores = new float[v.size()];
        int[] types = new int[v.size()];
        for (int i = 0; i < v.size(); i++) {
            scores[i] = v.score(i);
            types[i] = v.type(i).code();
        }
        return new ReferenceSpmEncoder(v.tokens(), scores, types);
    }

    /** Ids of {@code text} without BOS; control-token texts become their tokens when {@code parseSpecial}. */
    List<Integer> encode(String text, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        if (!parseSpecial || controls.isEmpty()) {
            if (!text.isEmpty()) {
                fragment(" " + text, out);
            }
            return out;
        }
        Matcher special = Pattern.compile(controls.stream().map(Pattern::quote).collect(Collectors.joining("|"))).matcher(text);
        int end = 0;
        while (special.find()) {
            if (special.start() > end) {
                fragment(" " + text.substring(end, special.start()), out);
            }
            out.add(ids.get(special.group()));
            end = special.end();
        }
        if (end < text.length()) {
            fragment(" " + text.substring(end), out);
        }
        return out;
    }

    private record Bigram(int left, int right, float score, int size) {
    }

    private void fragment(String text, List<Integer> out) {
        List<String> symbols = new ArrayList<>();
        text.replace(" ", "\u2581").codePoints().forEach(c -> symbols.add(Character.toString(c)));
        int n = symbols.size();
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) ->
                a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            offer(queue, symbols, i - 1, i);
        }
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            String left = symbols.get(b.left);
            String right = symbols.get(b.right);
            if (left.isEmpty() || right.isEmpty() || left.length() + right.length() != b.size) {
                continue; // stale: one side was merged since this bigram was queued
            }
            symbols.set(b.left, left + right);
            symbols.set(b.right, "");
            next[b.left] = next[b.right];
            if (next[b.right] >= 0) {
                prev[next[b.right]] = b.left;
            }
            if (prev[b.left] >= 0) {
                offer(queue, symbols, prev[b.left], b.left);
            }
            if (next[b.left] >= 0) {
                offer(queue, symbols, b.left, next[b.left]);
            }
        }
        for (int i = 0; i >= 0; i = next[i]) {
            Integer id = ids.get(symbols.get(i));
            if (id != null) {
                out.add(id);
            } else {
                for (byte x : symbols.get(i).getBytes(StandardCharsets.UTF_8)) {
                    out.add(ids.get(String.format("<0x%02X>", x & 0xFF)));
                }
            }
        }
    }

    private void offer(PriorityQueue<Bigram> queue, List<String> symbols, int left, int right) {
        String text = symbols.get(left) + symbols.get(right);
        Integer id = ids.get(text);
        if (id != null) {
            queue.add(new Bigram(left, right, scores[id], text.length()));
        }
    }

    /** The text of {@code ids}: byte tokens joined as UTF-8, ▁ as space, the leading space dropped, control tokens as their text. */
    String decode(List<Integer> ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            String t = tokens.get(id);
            if (types[id] == TokenType.BYTE.code()) {
                bytes.write(Integer.parseInt(t.substring(3, 5), 16));
            } else {
                bytes.writeBytes(t.replace("\u2581", " ").getBytes(StandardCharsets.UTF_8));
            }
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        return s.startsWith(" ") ? s.substring(1) : s;
    }
}
