"""Reference, grounding and form metrics, and the A/B judge against a loopback judge server."""

from __future__ import annotations

import pytest

from museumguide.guides import metrics
from museumguide.records.clean import clean_record
from museumguide.guides.judge import Judge
from tests.openai_server import ChatServer
from tests.test_quality import RAW

RECORD = clean_record(RAW)


def test_reference_metrics_with_signatures():
    refs = ["Stop here for Whalers by Turner. Look for the boats.", "A quiet harbour at dusk."]
    same = metrics.reference_metrics(refs, refs)
    assert same["bleu"] == pytest.approx(100.0) and same["chrf"] == pytest.approx(100.0)
    assert same["rougeL_f1"] == pytest.approx(100.0)
    assert same["bleu_signature"].startswith("nrefs:1|") and "version:" in same["chrf_signature"]
    other = metrics.reference_metrics(["Something else entirely.", "Nothing alike here."], refs)
    assert other["bleu"] < 10 and other["chrf"] < same["chrf"]


def test_meteor_reads_wordnet_offline_or_says_unavailable(monkeypatch, tmp_path):
    result = metrics.reference_metrics(["a picture of the boat"], ["a painting of a ship"])
    if metrics.load_wordnet() is not None:
        assert 0 < result["meteor"] < 100  # synonyms count: boat/ship match through WordNet
    monkeypatch.setattr(metrics, "WORDNET_DIRS", (str(tmp_path),))
    monkeypatch.delenv("MUSEUMGUIDE_WORDNET", raising=False)
    metrics.load_wordnet.cache_clear()
    try:
        missing = metrics.reference_metrics(["a picture"], ["a painting"])
    finally:
        metrics.load_wordnet.cache_clear()
    assert missing["meteor"] is None and "wordnet-base" in missing["meteor_unavailable"]


def test_guide_scores_and_summary():
    good = "Stop here for Whalers by Joseph Mallord William Turner, painted around 1845."
    bad = "Here Constable painted Whalers in 1832."
    g, b = metrics.guide_scores(good, RECORD, "<END>"), metrics.guide_scores(bad, RECORD, None)
    assert g["fact_precision"] == 1.0 and g["title_mentioned"] and g["artist_mentioned"]
    assert b["unsupported"] == ["Constable", "1832"] and not b["artist_mentioned"]  # in text order
    assert g["title_exact"] and g["artist_exact"] and b["title_exact"] and not b["artist_exact"]
    assert (b["year_claims"], b["year_supported"], b["name_claims"], b["name_supported"]) == (1, 0, 2, 1)
    assert g["seconds"] == pytest.approx(len(good.split()) / 160 * 60, abs=0.1)
    summary = metrics.summarise([g, b])
    assert summary["end_stop_rate"] == 0.5 and summary["self_stop_rate"] == 0.5
    assert metrics.guide_scores(good, RECORD, "<|im_end|>")["stopped_at_end"] is False
    assert summary["title_coverage"] == 1.0
    assert summary["year_precision"] == 0.5 and summary["name_precision"] == pytest.approx(6 / 7, abs=1e-3)
    assert metrics.distinct_n("a b a b a b", 2) == pytest.approx(2 / 5)


def _judge_server(prefer_word: str):
    """A judge that prefers the script containing ``prefer_word``; a biased judge answers A."""
    def reply(messages):
        text = messages[-1]["content"]
        a = text.split("Script A:")[1].split("Script B:")[0]
        b = text.split("Script B:")[1]
        if prefer_word == "position":
            return "A"
        if (prefer_word in a) == (prefer_word in b):
            return "TIE"
        return "A" if prefer_word in a else "B"
    return reply


def test_ab_judge_needs_both_orders_to_agree():
    records = [RECORD] * 4
    tuned = ["Whalers, around 1845.", "Whalers, around 1845.", "plain", "plain"]
    base = ["plain", "plain", "Whalers, around 1845.", "plain"]
    with ChatServer(_judge_server("1845"), faults=["500", "malformed"]) as server:
        result = Judge(server.url, "judge").compare(records, tuned, base)
    assert (result.wins_a, result.wins_b, result.ties, result.errors) == (2, 1, 1, 0)
    assert len(server.requests) == 8 + 2  # both orders for 4 paintings, plus two retried faults
    with ChatServer(_judge_server("position")) as server:
        biased = Judge(server.url, "judge").compare(records, tuned, base)
    assert biased.ties == 4 and biased.wins_a == 0, "a judge that always says A decides nothing"
    summary = biased.summary("fine-tuned", "base")
    assert summary["tie_rate"] == 1.0 and summary["judged"] == 4


@pytest.mark.parametrize("opening, total, own", [
    ("", 2, 2),  # sampled: everything is the model's
    ("Stop here for American Gothic by Grant Wood. They stand outside of their home, built in an 1880s style "
     "known as Carpenter Gothic.", 2, 1),  # strict: the opening's statement is not the model's
    ("Before you is a different opening the guide does not start with.", 2, 2),
])
def test_the_model_own_note_statements_leave_the_opening_out(aic_paintings, opening, total, own):
    p = next(p for p in aic_paintings if p["title"] == "American Gothic")
    guide = ("Stop here for American Gothic by Grant Wood. They stand outside of their home, built in an 1880s "
             "style known as Carpenter Gothic. Wood had seen a similar farmhouse during a visit to Eldon, Iowa.")
    scores = metrics.guide_scores(guide, p, opening=opening)
    assert (scores["note_statements"], scores["model_note_statements"]) == (total, own)
    without = metrics.guide_scores(guide, {**p, "notes": None}, opening=opening)
    assert without["note_statements"] is None and without["model_note_statements"] is None


def test_reference_metrics_in_another_language_compare_whole_words():
    """ROUGE's own tokenizer keeps only a-z: "på" and "pä" would both be "p". Swedish words are
    compared whole, and METEOR (English WordNet) says why it is left out."""
    same = metrics.reference_metrics(["Målningen är på duk."], ["Målningen är på duk."], "sv")
    assert same["rougeL_f1"] == 100.0 and same["meteor"] is None and "English WordNet" in same["meteor_unavailable"]
    other = metrics.reference_metrics(["Målningen är pä dük."], ["Målningen är på duk."], "sv")
    assert other["rougeL_f1"] == 50.0  # "målningen är" of four words each
