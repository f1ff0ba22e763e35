"""The model: loading it, teaching it ``<END>``, fine-tuning it, and taking runs back out.

``config`` (the training recipe as a typed dataclass), ``base`` (tokenizer and 4-bit model
loading), ``newtokens`` (the trainable ``<END>`` rows), ``trainer`` (model, optimizer and TRL's
SFTTrainer for a run), ``train`` (a run from recipe to artifacts, and its command), ``lowmem``
(CPU training within a laptop's memory), ``mistral`` (Mistral's v3 tokenizer and the miniature
Mistral), ``runs`` (finding and loading trained runs for inference) and ``export`` (the merged
export). Imports data, records and common.
"""
