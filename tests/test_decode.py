"""Decoding rules: the guide may quote its prompt (curator notes, the title) but not repeat itself."""

import pytest

torch = pytest.importorskip("torch")

from museumguide.guides.decode import NO_REPEAT_NGRAM, REPETITION_PENALTY, guide_starts, repetition_processors  # noqa: E402

VOCAB = 50


def _apply(rows: list[list[int]], starts: list[int]):
    ids = torch.tensor(rows)
    scores = torch.ones(len(rows), VOCAB)
    for processor in repetition_processors(torch.tensor(starts), VOCAB):
        scores = processor(ids, scores)
    return scores


def test_a_phrase_of_the_prompt_may_be_quoted_whole():
    prompt = [10, 11, 12, 13, 14, 15]
    scores = _apply([prompt + [10, 11, 12, 13]], [len(prompt)])
    assert NO_REPEAT_NGRAM == 5
    # The library's default (the whole sequence) would ban 14 here: the notes' own next word.
    assert torch.isfinite(scores[0, 14])
    assert scores[0, 14] == 1.0  # and no penalty for words only the prompt has used


def test_the_guide_never_repeats_its_own_five_token_phrase():
    prompt = [1, 2]
    own = [20, 21, 22, 23, 24, 30, 20, 21, 22, 23]
    scores = _apply([prompt + own], [len(prompt)])
    assert scores[0, 24] == float("-inf")
    assert scores[0, 21] == pytest.approx(1.0 / REPETITION_PENALTY)  # its own words are penalised
    assert scores[0, 2] == 1.0


def test_an_opening_counts_as_the_guide_own_words():
    # Row 0's guide began with an opening at position 1: repeating its phrase is banned there,
    # while row 1, whose guide begins later, may quote the same phrase from its prompt.
    row = [5, 20, 21, 22, 23, 24, 20, 21, 22, 23]
    scores = _apply([row, row], [1, 7])
    assert scores[0, 24] == float("-inf")
    assert torch.isfinite(scores[1, 24])


def test_guide_starts_finds_each_opening_in_a_left_padded_batch():
    from museumguide.model.base import load_tokenizer, prepare_tokenizer

    tok = prepare_tokenizer(load_tokenizer("smollm2-135m-instruct"))
    tok.padding_side = "left"
    prompts = ["Title: Whalers\nArtist: J. M. W. Turner\n\nAudio guide:\n",
               "Title: The Harvesters\n\nAudio guide:\n"]
    openings = ["Stop here for Whalers by J. M. W. Turner.", "Before you is The Harvesters."]
    texts = [p + o for p, o in zip(prompts, openings)]
    batch = tok(texts, return_tensors="pt", padding=True)
    starts = guide_starts(tok, batch, texts, [len(p) for p in prompts], True)
    for row, start, opening in zip(batch["input_ids"], starts.tolist(), openings):
        assert tok.decode(row[start:], skip_special_tokens=True).strip() == opening
    ends = guide_starts(tok, batch, texts, None, True)
    assert ends.tolist() == [batch["input_ids"].shape[1]] * 2
    # No opening (sampled guides): the guide starts where each prompt ends, the batch's right edge.
    assert guide_starts(tok, batch, texts, [len(t) for t in texts], True).tolist() == ends.tolist()
