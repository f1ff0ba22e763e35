"""The <END>-row design on a tiny real transformers model: only the new rows get gradients,
they work through TRL's fused LM head, and they round-trip through save/install."""

from __future__ import annotations

import pytest
import torch

from museumguide.model import newtokens

transformers = pytest.importorskip("transformers")


def tiny_llama(tied: bool):
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=40, hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=2, tie_word_embeddings=tied)
    model = LlamaForCausalLM(config)
    model.resize_token_embeddings(42, mean_resizing=False)  # two new tokens: 40 and 41
    newtokens.init_new_rows(model, 40)
    return model


@pytest.mark.parametrize("tied", [True, False])
def test_only_new_rows_train_through_the_fused_head(tied):
    from trl.trainer.utils import add_fused_lm_head

    model = tiny_llama(tied)
    base_embed = model.get_input_embeddings().weight.detach().clone()
    base_head = model.get_output_embeddings().weight.detach().clone()
    rows = newtokens.attach(model, 40)
    assert len(rows) == (1 if tied else 2)
    add_fused_lm_head(model)
    ids = torch.tensor([[1, 2, 40, 3, 41, 5]])
    labels = torch.tensor([[-100, -100, 40, 3, 41, 5]])
    out = model(input_ids=ids, labels=labels, fused_lm_head=True)
    out.loss.backward()
    for row in rows:
        assert row.grad is not None and row.grad.abs().sum() > 0
        assert row.grad.shape == (2, 16)
    embed, head = newtokens.find_wrappers(model)
    assert embed.base.weight.grad is None and head.base.weight.grad is None, "matrices stay frozen"
    # A step on the rows changes them and nothing else of the matrices.
    with torch.no_grad():
        for row in rows:
            row -= 0.5 * row.grad
    model(input_ids=ids)  # a forward writes the rows into the head's matrix in place
    assert torch.equal(embed.base.weight[:40], base_embed[:40])
    assert torch.equal(head.base.weight[:40], base_head[:40])


@pytest.mark.parametrize("tied", [True, False])
def test_saved_rows_load_with_plain_peft(tmp_path, tied):
    """The rows are saved in PEFT's trainable-tokens format: PeftModel.from_pretrained on a
    resized base restores them, and the adapter file holds the rows, never the matrices."""
    import json

    from peft import LoraConfig, PeftModel, get_peft_model
    from safetensors.torch import load_file

    model = tiny_llama(tied)
    rows = newtokens.attach(model, 40)
    model = get_peft_model(model, LoraConfig(r=2, target_modules=["q_proj"], init_lora_weights=False))
    with torch.no_grad():
        for row in rows:
            row.add_(torch.randn_like(row))
    ids = torch.tensor([[1, 40, 7, 41]])
    expected = model(input_ids=ids).logits
    model.save_pretrained(tmp_path, save_embedding_layers=False)
    newtokens.save_rows(model, tmp_path)

    indices = json.loads((tmp_path / "adapter_config.json").read_text())["trainable_token_indices"]
    assert indices == ({"embed_tokens": [40, 41]} if tied else {"embed_tokens": [40, 41], "lm_head": [40, 41]})
    saved = load_file(str(tmp_path / "adapter_model.safetensors"))
    deltas = [k for k in saved if k.endswith("token_adapter.trainable_tokens_delta")]
    assert len(deltas) == (1 if tied else 2) and all(saved[k].shape == (2, 16) for k in deltas)

    fresh = PeftModel.from_pretrained(tiny_llama(tied), tmp_path)
    assert torch.allclose(fresh(input_ids=ids).logits, expected, atol=1e-6)
    newtokens.merge_token_rows(fresh)  # inference writes the rows in place once
    assert torch.allclose(fresh(input_ids=ids).logits, expected, atol=1e-6)


@pytest.mark.parametrize("tied", [True, False])
def test_checkpoint_rows_round_trip(tmp_path, tied):
    model = tiny_llama(tied)
    rows = newtokens.attach(model, 40)
    with torch.no_grad():
        for row in rows:
            row.add_(torch.randn_like(row))
    expected = [r.detach().clone() for r in rows]
    newtokens.save_checkpoint_rows(model, tmp_path)
    other = tiny_llama(tied)
    other_rows = newtokens.attach(other, 40)
    assert not torch.equal(other_rows[0], expected[0])
    newtokens.load_checkpoint_rows(other, tmp_path)
    for got, want in zip(other_rows, expected):
        assert torch.equal(got, want)
