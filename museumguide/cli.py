"""One command for the whole pipeline: ``museumguide <stage> [its flags]``.

    museumguide --help                                   # the stages, in pipeline order
    museumguide collect --from-lido data/raw/lido-sample # any stage; museumguide <stage> --help for its flags

Each stage is the command module of the same name (``python -m museumguide.collect`` keeps
working): this module only picks the stage, with argparse's subcommands, and hands the rest of
the command line to that stage's ``main``, which keeps its own flags and help.
"""

from __future__ import annotations

import argparse
import importlib
import sys

STAGES = (
    ("collect", "museumguide.collect", "gather records (the Met, the Art Institute of Chicago, any LIDO export) into one schema"),
    ("scripts", "museumguide.scripts", "write grounded audio-guide scripts and the prompt/completion training data"),
    ("train", "museumguide.train", "fine-tune a model on the scripts (LoRA on a CPU, 4-bit QLoRA on a GPU)"),
    ("generate", "museumguide.generate", "write guides with a trained run, every sentence checked against the record"),
    ("evaluate", "museumguide.evaluate", "measure a trained run against its base model on held-out records"),
    ("speak", "museumguide.speak", "narrate a text into a WAV or MP3 file, offline"),
    ("tours", "museumguide.tours.cli", "export a tour for visitors: player, MP3s, transcripts, feed, IIIF, QR labels"),
    ("web", "museumguide.web.app", "serve the gallery page where curators review and approve guides"),
    ("export", "museumguide.export", "export a trained run as one ordinary model (merged, or for ONNX Runtime)"),
    ("demo", "museumguide.demo", "the whole pipeline on the bundled records of three museums, in minutes"),
)
"""(name, module whose ``main(argv)`` runs it, one line for ``--help``), in pipeline order."""


def parser() -> argparse.ArgumentParser:
    from museumguide import __version__

    p = argparse.ArgumentParser(
        prog="museumguide", description="Turn museum collection records into audio guides a museum would publish.",
        epilog="Each stage has its own flags: museumguide <stage> --help. "
               "python -m museumguide.<stage> runs the same stage.")
    p.add_argument("--version", action="version", version=f"museumguide {__version__}")
    stages = p.add_subparsers(dest="stage", title="stages, in pipeline order", metavar="<stage>", required=True)
    for name, _, summary in STAGES:
        # No help of its own: "museumguide collect --help" is the stage's own help.
        stages.add_parser(name, help=summary, description=summary, add_help=False)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args, rest = parser().parse_known_args(argv)
    module = dict((name, module) for name, module, _ in STAGES)[args.stage]
    return importlib.import_module(module).main(rest) or 0


if __name__ == "__main__":
    sys.exit(main())
